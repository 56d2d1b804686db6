import { DAY, holds, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { type AggregateCondition } from './aggregate';

const orders = (...orders: [age: number, amount: unknown][]) =>
  learner({ events: orders.map(([age, amount]) => ({ name: 'Order Completed', at: NOW - age, properties: amount === undefined ? {} : { amount, currency: 'usd' } })) });
const aggregate = (rest: Pick<AggregateCondition, 'function' | 'operator' | 'value'> & Partial<AggregateCondition>): AggregateCondition => ({
  type: 'aggregate',
  event: 'Order Completed',
  property: 'amount',
  window: { kind: 'last', duration: { amount: 30, unit: 'days' } },
  ...rest,
});

describe('aggregate conditions', () => {
  const history = orders([DAY, 40], [2 * DAY, 60], [3 * DAY, 'free'], [4 * DAY, undefined], [40 * DAY, 1000]);

  test.each([
    [aggregate({ function: 'count', operator: 'equals', value: 4 }), true],
    [aggregate({ function: 'sum', operator: 'equals', value: 100 }), true],
    [aggregate({ function: 'avg', operator: 'equals', value: 50 }), true],
    [aggregate({ function: 'min', operator: 'gte', value: 40 }), true],
    [aggregate({ function: 'min', operator: 'gt', value: 40 }), false],
    [aggregate({ function: 'max', operator: 'lte', value: 60 }), true],
    [aggregate({ function: 'max', operator: 'lt', value: 60 }), false],
    [aggregate({ function: 'sum', operator: 'between', value: 100, max: 100 }), true],
    [aggregate({ function: 'sum', operator: 'between', value: 101, max: 200 }), false],
    [aggregate({ function: 'sum', operator: 'gt', value: 1000, window: { kind: 'ever' } }), true],
    [aggregate({ function: 'sum', operator: 'equals', value: 60, where: [{ property: 'amount', operator: 'gt', value: 50 }] }), true],
    [aggregate({ function: 'count', operator: 'equals', value: 5, window: { kind: 'ever' } }), true],
  ])('%j → %s', (condition, expected) => {
    expect(holds(condition, history)).toBe(expected);
  });

  test('over no occurrences count and sum are 0, avg, min and max do not exist', () => {
    const none = learner();
    expect(holds(aggregate({ function: 'count', operator: 'equals', value: 0 }), none)).toBe(true);
    expect(holds(aggregate({ function: 'sum', operator: 'lte', value: 0 }), none)).toBe(true);
    for (const fn of ['avg', 'min', 'max'] as const) {
      expect(holds(aggregate({ function: fn, operator: 'lte', value: 1e9 }), none)).toBe(false);
      expect(holds(aggregate({ function: fn, operator: 'gte', value: -1e9 }), orders([DAY, 'free']))).toBe(false);
    }
  });

  test('the next change is when the value moves past the threshold as orders age out', () => {
    const sumOver50 = ruleOf(aggregate({ function: 'sum', operator: 'gt', value: 50 }));
    expect(nextChangeAt(sumOver50, orders([DAY, 40], [2 * DAY, 60]), NOW)).toBe(NOW - 2 * DAY + 30 * DAY + 1);
    expect(nextChangeAt(sumOver50, orders([DAY, 60], [2 * DAY, 40]), NOW)).toBe(NOW - DAY + 30 * DAY + 1);
    expect(nextChangeAt(sumOver50, orders([DAY, 40]), NOW)).toBeNull();
    const maxUnder50 = ruleOf(aggregate({ function: 'max', operator: 'lt', value: 50 }));
    expect(nextChangeAt(maxUnder50, orders([DAY, 40], [2 * DAY, 60]), NOW)).toBe(NOW - 2 * DAY + 30 * DAY + 1);
    expect(nextChangeAt(ruleOf(aggregate({ function: 'sum', operator: 'gt', value: 50, window: { kind: 'ever' } })), orders([DAY, 60]), NOW)).toBeNull();
  });

  test('the explanation shows the computed value', () => {
    expect(explainRule(ruleOf(aggregate({ function: 'sum', operator: 'gt', value: 500 })), history, NOW).detail).toBe(
      'sum of amount over Order Completed in the last 30 days is 100; needs > 500',
    );
    expect(explainRule(ruleOf(aggregate({ function: 'avg', operator: 'between', value: 1, max: 9 })), learner(), NOW).detail).toBe(
      'avg of amount over Order Completed in the last 30 days is undefined (no values); needs between 1 and 9',
    );
  });
});
