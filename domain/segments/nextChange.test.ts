import { DAY, learner, NOW, ruleOf } from '../../test/segments/learners';
import { nextChangeAt } from './nextChange';
import { type Condition } from './rules';

const loggedInWithin = (days: number): Condition => ({ type: 'event', event: 'Logged In', count: { operator: 'atLeast', value: 1 }, window: { kind: 'last', duration: { amount: days, unit: 'days' } } });
const facts = learner({ events: [{ name: 'Logged In', at: NOW - DAY }], traits: { plan: 'pro' } });

describe('nextChangeAt', () => {
  test('a group takes the earliest change of its parts', () => {
    expect(nextChangeAt(ruleOf({ type: 'any', conditions: [loggedInWithin(7), loggedInWithin(3)] }), facts, NOW)).toBe(NOW + 2 * DAY + 1);
    expect(nextChangeAt(ruleOf({ type: 'not', condition: loggedInWithin(3) }), facts, NOW)).toBe(NOW + 2 * DAY + 1);
  });

  test('is null when only new data could change the value', () => {
    const timeless: Condition = {
      type: 'all',
      conditions: [
        { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' },
        { type: 'segment', segmentId: 'students', operator: 'in' },
        { type: 'event', event: 'Logged In', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } },
      ],
    };
    expect(nextChangeAt(ruleOf(timeless), facts, NOW)).toBeNull();
    expect(nextChangeAt(ruleOf(loggedInWithin(3)), learner(), NOW)).toBeNull();
  });
});
