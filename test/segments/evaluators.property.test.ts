import fc from 'fast-check';
import { compileRule, evaluateRule, mergeBehaviour, nextChangeAt, recordEvents, type LearnerFacts, type RecordedEvent } from '../../domain/segments';
import { BASE, DAY, history, memberships, rule, traits, type GeneratedEvent } from './arbitraries';
import { bruteForce, type RawLearner } from './bruteForce';

/**
 * The interpreter, the compiled rule and the brute-force reference must agree on random rules over
 * random learners, and nextChangeAt must never miss a change.
 */

/** The summary as ingestion builds it: out of order, in batches, with replays, from two merged profiles. */
function summaryOf(events: GeneratedEvent[]) {
  const arriving = [...events].sort((a, b) => a.arrival - b.arrival);
  const asRecorded = (event: GeneratedEvent): RecordedEvent => ({ id: event.id, name: event.name, at: event.at, properties: event.properties });
  const recorded = (profile: 'first' | 'second') => {
    const arrived = arriving.filter((event) => event.profile === profile || event.profile === 'both');
    const half = Math.ceil(arrived.length / 2);
    const firstBatch = recordEvents({}, arrived.slice(0, half).map(asRecorded));
    const replays = arrived.filter((event) => event.replayed);
    return recordEvents(firstBatch.summary, [...arrived.slice(half), ...replays].map(asRecorded)).summary;
  };
  return mergeBehaviour(recorded('first'), recorded('second'));
}

const scenario = (depth: number) =>
  fc
    .integer({ min: 0, max: DAY })
    .chain((shift) => {
      const now = BASE + shift;
      return fc.record({
        now: fc.constant(now),
        rule: rule(now, depth),
        traits: traits(now),
        events: history(now),
        memberships,
        samples: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
      });
    });

type Scenario = ReturnType<typeof scenario> extends fc.Arbitrary<infer T> ? T : never;

// "Never changes" is checked up to here: past every birthday the generated ages can reach.
const FAR = 60 * 365 * DAY;

interface Tally {
  runs: number;
  held: number;
  boundaries: number;
  flips: number;
}

/** Checks one scenario and counts what it saw, so that the test can show it was not vacuous. */
function check({ now, rule: generated, traits: learnerTraits, events, memberships: segments, samples }: Scenario, tally: Tally): { value: boolean; flipped: boolean | null } {
  const facts: LearnerFacts = { traits: learnerTraits, behaviour: summaryOf(events), memberships: segments };
  const raw: RawLearner = { traits: learnerTraits, events, memberships: segments };
  const compiled = compileRule(generated);
  const agreedValue = (at: number) => {
    const reference = bruteForce(generated, raw, at);
    expect({ at, interpreted: evaluateRule(generated, facts, at), compiled: compiled(facts, at) }).toEqual({ at, interpreted: reference, compiled: reference });
    return reference;
  };

  const value = agreedValue(now);
  const next = nextChangeAt(generated, facts, now);
  if (next !== null) expect(next).toBeGreaterThan(now);
  const end = next ?? now + FAR;
  const instants = [now + 1, end - 1, ...samples.map((fraction) => now + Math.floor(fraction * (end - now)))];
  for (const instant of instants) if (instant < end) expect(agreedValue(instant)).toBe(value);

  tally.runs += 1;
  if (value) tally.held += 1;
  if (next === null) return { value, flipped: null };
  tally.boundaries += 1;
  const flipped = agreedValue(next) !== value;
  if (flipped) tally.flips += 1;
  return { value, flipped };
}

const RUNS = 2000;

describe('segment evaluators', () => {
  test('agree on single conditions, whose next change is exact', () => {
    const tally: Tally = { runs: 0, held: 0, boundaries: 0, flips: 0 };
    fc.assert(
      fc.property(scenario(0), (generated) => {
        const { flipped } = check(generated, tally);
        // A leaf finds the very instant its own value flips, never an earlier one.
        if (flipped !== null) expect(flipped).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(tally.held).toBeGreaterThan(RUNS * 0.2);
    expect(tally.held).toBeLessThan(RUNS * 0.8);
    expect(tally.boundaries).toBeGreaterThan(RUNS * 0.04);
  });

  test('agree on nested rules, and nextChangeAt never misses a change', () => {
    const tally: Tally = { runs: 0, held: 0, boundaries: 0, flips: 0 };
    fc.assert(
      fc.property(scenario(3), (generated) => {
        check(generated, tally);
      }),
      { numRuns: RUNS },
    );
    expect(tally.held).toBeGreaterThan(RUNS * 0.2);
    expect(tally.held).toBeLessThan(RUNS * 0.8);
    expect(tally.boundaries).toBeGreaterThan(RUNS * 0.04);
    // Groups take the earliest change of their parts, which need not change the group: some must.
    expect(tally.flips).toBeGreaterThan(tally.boundaries / 3);
  });
});
