import { exampleSegments } from './examples';
import { canonicalEventNames } from '../learners';
import { ruleWarnings } from './warnings';

describe('ruleWarnings', () => {
  const known = { events: new Set<string>(['Enrolled', 'Logged In']), traits: new Set(['country']) };

  test('flags names never seen, at their path', () => {
    expect(
      ruleWarnings(
        {
          version: 1,
          condition: {
            type: 'all',
            conditions: [
              { type: 'trait', trait: 'country', operator: 'exists' },
              { type: 'not', condition: { type: 'trait', trait: 'contry', operator: 'exists' } },
              { type: 'event', event: 'Enroled', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } },
              { type: 'sequence', first: { event: 'Logged In' }, thenNot: { event: 'Lesson Completed' }, within: { amount: 1, unit: 'days' }, window: { kind: 'ever' } },
              { type: 'engagement', action: 'opened', window: { kind: 'ever' } },
            ],
          },
        },
        known,
      ),
    ).toEqual([
      { path: ['condition', 'conditions', 1, 'condition', 'trait'], message: 'No learner has a trait named "contry" yet' },
      { path: ['condition', 'conditions', 2, 'event'], message: 'No event named "Enroled" has been received yet' },
      { path: ['condition', 'conditions', 3, 'thenNot', 'event'], message: 'No event named "Lesson Completed" has been received yet' },
    ]);
  });

  test('the examples only use canonical events', () => {
    for (const segment of exampleSegments) expect(ruleWarnings(segment.rule, { events: new Set(canonicalEventNames), traits: new Set() })).toEqual([]);
  });
});
