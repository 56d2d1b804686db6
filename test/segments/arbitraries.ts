import fc from 'fast-check';
import { segmentRuleSchema, type Condition, type SegmentRule } from '../../domain/segments';
import { type RawEvent } from './bruteForce';

// A small vocabulary, so that random rules match random learners often enough to mean something.
// Names with '.', '$' and '%' exercise the key encoding of the summary.
export const DAY = 86_400_000;
export const BASE = Date.parse('2025-06-15T12:00:00Z');
const eventNames = ['Viewed', 'a.b$c', 'Email Opened', 'Email Clicked'];
const propertyNames = ['plan', 'price', 'messageId', 'utm.x%'];
const segmentIds = ['s1', 's2'];

const scalar = fc.constantFrom<string | number | boolean>('pro', 'free', 'pro-max', 'm1', 'm2', -1, 0, 1, 5, 10, true, false);
const text = fc.constantFrom('pro', 'p', 'free', 'm1', 'ann', 'ann@school.edu', '');
const number = fc.constantFrom(-1, 0, 1, 5, 7, 10, 20);

/** Instants spread over a few weeks around now, on coarse and fine grids so that edges get hit. */
const offset = fc.oneof(
  fc.integer({ min: -12, max: 2 }).map((days) => days * DAY),
  fc.integer({ min: -12 * 24, max: 2 * 24 }).map((hours) => hours * 3_600_000),
  fc.integer({ min: -12 * DAY, max: 2 * DAY }),
  fc.integer({ min: -120, max: 30 }).map((seconds) => seconds * 1000),
);

const duration = fc.record({
  amount: fc.integer({ min: 1, max: 10 }),
  unit: fc.constantFrom('seconds' as const, 'minutes' as const, 'hours' as const, 'hours' as const, 'days' as const, 'days' as const, 'days' as const, 'weeks' as const),
});

const iso = (time: number) => new Date(time).toISOString();
const dateOnly = (time: number) => iso(time).slice(0, 10);

const window = (now: number) =>
  fc.oneof(
    fc.constant({ kind: 'ever' as const }),
    { arbitrary: fc.record({ kind: fc.constant('last' as const), duration }), weight: 3 },
    fc.tuple(offset, fc.integer({ min: 1, max: 10 * DAY })).map(([from, length]) => ({ kind: 'between' as const, from: iso(now + from), to: iso(now + from + length) })),
  );

const filter = fc.oneof(
  fc.record({ property: fc.constantFrom(...propertyNames), operator: fc.constantFrom('equals' as const, 'notEquals' as const), value: scalar }),
  fc.record({ property: fc.constantFrom(...propertyNames), operator: fc.constantFrom('contains' as const, 'startsWith' as const), value: text }),
  fc.record({ property: fc.constantFrom(...propertyNames), operator: fc.constant('in' as const), value: fc.array(scalar, { minLength: 1, maxLength: 3 }) }),
  fc.record({ property: fc.constantFrom(...propertyNames), operator: fc.constantFrom('exists' as const, 'notExists' as const) }),
  fc.record({ property: fc.constantFrom(...propertyNames), operator: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: number }),
);
const where = fc.array(filter, { minLength: 1, maxLength: 2 });
const event = fc.constantFrom(...eventNames);
const count = fc.record({ operator: fc.constantFrom('atLeast' as const, 'atMost' as const, 'exactly' as const), value: fc.integer({ min: 0, max: 3 }) });
const instantValue = (now: number) => fc.tuple(offset, fc.boolean()).map(([at, dateOnlyForm]) => (dateOnlyForm ? dateOnly(now + at) : iso(now + at)));

const trait = (now: number): fc.Arbitrary<Condition> => {
  const name = (...names: string[]) => fc.constantFrom(...names);
  const any = name('plan', 'score', 'tags', 'email', 'vip', 'signup', 'nope');
  return fc.oneof(
    fc.record({ type: fc.constant('trait' as const), trait: any, operator: fc.constantFrom('equals' as const, 'notEquals' as const), value: scalar }),
    fc.record({ type: fc.constant('trait' as const), trait: any, operator: fc.constantFrom('contains' as const, 'startsWith' as const), value: text }),
    fc.record({ type: fc.constant('trait' as const), trait: any, operator: fc.constantFrom('in' as const, 'notIn' as const), values: fc.array(fc.constantFrom<string | number>('pro', 'free', 5, 7), { minLength: 1, maxLength: 3 }) }),
    fc.record({ type: fc.constant('trait' as const), trait: any, operator: fc.constantFrom('exists' as const, 'notExists' as const) }),
    fc.record({ type: fc.constant('trait' as const), trait: name('score', 'plan', 'tags'), operator: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const), value: number }),
    fc.record({ type: fc.constant('trait' as const), trait: name('score', 'plan'), operator: fc.constant('between' as const), min: number, max: number }).map((c) => ({ ...c, min: Math.min(c.min, c.max), max: Math.max(c.min, c.max) })),
    fc.record({ type: fc.constant('trait' as const), trait: name('signup', 'birthdate', 'score'), operator: fc.constantFrom('before' as const, 'after' as const), value: instantValue(now) }),
    fc.record({ type: fc.constant('trait' as const), trait: name('signup', 'email'), operator: fc.constantFrom('withinLast' as const, 'withinNext' as const), duration }),
    fc
      .record({ type: fc.constant('trait' as const), trait: name('birthdate', 'signup'), operator: fc.constant('ageBetween' as const), min: fc.integer({ min: 0, max: 40 }), max: fc.integer({ min: 0, max: 40 }) })
      .map((c) => ({ ...c, min: Math.min(c.min, c.max), max: Math.max(c.min, c.max) })),
  );
};

const leaf = (now: number): fc.Arbitrary<Condition> =>
  fc.oneof(
    trait(now),
    fc.record({ type: fc.constant('event' as const), event, where, count, window: window(now) }, { requiredKeys: ['type', 'event', 'count', 'window'] }),
    fc.oneof(
      fc.record({ type: fc.constant('eventTime' as const), event, where, which: fc.constantFrom('first' as const, 'last' as const), operator: fc.constantFrom('before' as const, 'after' as const), value: instantValue(now) }, { requiredKeys: ['type', 'event', 'which', 'operator', 'value'] }),
      fc.record({ type: fc.constant('eventTime' as const), event, where, which: fc.constantFrom('first' as const, 'last' as const), operator: fc.constantFrom('withinLast' as const, 'notWithinLast' as const), duration }, { requiredKeys: ['type', 'event', 'which', 'operator', 'duration'] }),
    ),
    fc
      .record(
        {
          type: fc.constant('aggregate' as const),
          event,
          where,
          property: fc.constantFrom(...propertyNames),
          function: fc.constantFrom('count' as const, 'sum' as const, 'avg' as const, 'min' as const, 'max' as const),
          operator: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const, 'equals' as const, 'between' as const),
          value: number,
          spread: fc.integer({ min: 0, max: 10 }),
          window: window(now),
        },
        { requiredKeys: ['type', 'event', 'property', 'function', 'operator', 'value', 'spread', 'window'] },
      )
      .map(({ spread, ...c }) => (c.operator === 'between' ? { ...c, max: c.value + spread } : c)),
    fc.record({
      type: fc.constant('sequence' as const),
      first: fc.record({ event, where }, { requiredKeys: ['event'] }),
      thenNot: fc.record({ event, where }, { requiredKeys: ['event'] }),
      within: duration,
      window: window(now),
    }),
    fc.record({ type: fc.constant('engagement' as const), action: fc.constantFrom('opened' as const, 'clicked' as const), messageId: fc.constantFrom('m1', 'm2'), window: window(now), count }, { requiredKeys: ['type', 'action', 'window'] }),
    fc.record({ type: fc.constant('segment' as const), segmentId: fc.constantFrom(...segmentIds), operator: fc.constantFrom('in' as const, 'notIn' as const) }),
  );

function condition(now: number, depth: number): fc.Arbitrary<Condition> {
  if (depth === 0) return leaf(now);
  const part = condition(now, depth - 1);
  return fc.oneof(
    { arbitrary: leaf(now), weight: 3 },
    { arbitrary: fc.record({ type: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(part, { minLength: 1, maxLength: 3 }) }), weight: 2 },
    { arbitrary: fc.record({ type: fc.constant('not' as const), condition: part }), weight: 1 },
  );
}

/** Valid rules of every condition type, groups nested up to `depth` (checked against the schema). */
export const rule = (now: number, depth = 3): fc.Arbitrary<SegmentRule> => condition(now, depth).map((generated) => segmentRuleSchema.parse({ version: 1, condition: generated }));

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 3 });

export const traits = (now: number): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .record({
      plan: maybe(fc.constantFrom<unknown>('pro', 'free', 'pro-max', 5)),
      score: maybe(fc.constantFrom<unknown>(-1, 0, 5, 7, 10, 20, '7', null)),
      tags: maybe(fc.constantFrom<unknown>(['pro', 'go'], ['free'], 'pro', [])),
      email: maybe(fc.constantFrom<unknown>('ann@school.edu', 'pro@acme.com', '')),
      vip: maybe(fc.boolean()),
      signup: maybe(fc.oneof(offset.map((at) => iso(now + at)), offset.map((at) => dateOnly(now + at)), fc.constantFrom<unknown>('soon', 12345))),
      birthdate: maybe(
        fc.oneof(
          fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.UTC(2025, 11, 31) }).map(dateOnly),
          fc.integer({ min: -400, max: 400 }).map((days) => dateOnly(now - 20 * 365.25 * DAY + days * DAY)),
          fc.constantFrom('2008-02-29', '2004-02-29T23:30:00.000Z'),
        ),
      ),
    })
    .map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)));

const properties = fc
  .record(
    {
      plan: fc.constantFrom<unknown>('pro', 'free', 'pro-max', 5, null),
      price: fc.constantFrom<unknown>(-1, 0, 1, 5, 7, 10, 20, '5'),
      messageId: fc.constantFrom<unknown>('m1', 'm2'),
      'utm.x%': fc.constantFrom<unknown>('pro', 1, true),
    },
    { requiredKeys: [] },
  )
  .map((record) => record as Record<string, unknown>);

/** A history below the cap, each event with how it reaches the summary: which profile, whether replayed. */
export interface GeneratedEvent extends RawEvent {
  arrival: number;
  profile: 'first' | 'second' | 'both';
  replayed: boolean;
}

export const history = (now: number): fc.Arbitrary<GeneratedEvent[]> =>
  fc
    .array(
      fc.record({
        name: event,
        offset,
        properties,
        arrival: fc.integer(),
        profile: fc.constantFrom('first' as const, 'first' as const, 'second' as const, 'both' as const),
        replayed: fc.integer({ min: 0, max: 4 }).map((draw) => draw === 0),
      }),
      { maxLength: 30, size: 'max' },
    )
    .map((events) => events.map(({ offset: at, ...rest }, index) => ({ ...rest, id: `e${index}`, at: now + at })));

export const memberships = fc.subarray(segmentIds).map((ids) => new Set(ids));
