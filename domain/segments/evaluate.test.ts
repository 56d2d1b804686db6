import { DAY, holds, learner, NOW, ruleOf } from '../../test/segments/learners';
import { MAX_ITEMS_PER_EVENT } from './behaviour';
import { explainRule } from './evaluate';
import { type PropertyFilter } from './propertyFilter';
import { type Condition } from './rules';
import { type Window } from './window';

const pro: Condition = { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' };
const british: Condition = { type: 'trait', trait: 'country', operator: 'equals', value: 'GB' };
const facts = learner({ traits: { plan: 'pro', country: 'FR' } });

describe('groups', () => {
  test('all, any and not', () => {
    expect(holds({ type: 'all', conditions: [pro, british] }, facts)).toBe(false);
    expect(holds({ type: 'all', conditions: [pro] }, facts)).toBe(true);
    expect(holds({ type: 'any', conditions: [pro, british] }, facts)).toBe(true);
    expect(holds({ type: 'any', conditions: [british] }, facts)).toBe(false);
    expect(holds({ type: 'not', condition: british }, facts)).toBe(true);
    expect(holds({ type: 'not', condition: { type: 'any', conditions: [british, { type: 'not', condition: pro }] } }, facts)).toBe(true);
  });
});

describe('explainRule', () => {
  test('explains every condition, with its path in the rule', () => {
    const rule = ruleOf({ type: 'all', conditions: [pro, { type: 'not', condition: british }, { type: 'any', conditions: [british] }] });
    expect(explainRule(rule, facts, NOW)).toEqual({
      path: 'condition',
      type: 'all',
      held: false,
      detail: '2 of 3 conditions hold; needs all',
      children: [
        { path: 'condition.conditions.0', type: 'trait', held: true, detail: 'plan is "pro"; needs equals "pro"' },
        {
          path: 'condition.conditions.1',
          type: 'not',
          held: true,
          detail: 'the inner condition does not hold, as needed',
          children: [{ path: 'condition.conditions.1.condition', type: 'trait', held: false, detail: 'country is "FR"; needs equals "GB"' }],
        },
        {
          path: 'condition.conditions.2',
          type: 'any',
          held: false,
          detail: '0 of 1 conditions hold; needs at least one',
          children: [{ path: 'condition.conditions.2.conditions.0', type: 'trait', held: false, detail: 'country is "FR"; needs equals "GB"' }],
        },
      ],
    });
  });
});

describe('beyond MAX_ITEMS_PER_EVENT occurrences', () => {
  const total = MAX_ITEMS_PER_EVENT + 100;
  // One login a minute, the oldest 100 of them dropped from the summary's items.
  const facts = learner({ events: Array.from({ length: total }, (_, index) => ({ name: 'Logged In', at: NOW - DAY + index * 60_000, properties: { device: 'web' } })) });
  const logins = (window: Window, where?: PropertyFilter[], count = total): Condition => ({
    type: 'event',
    event: 'Logged In',
    count: { operator: 'exactly', value: count },
    window,
    ...(where ? { where } : {}),
  });

  test('unfiltered all-time counts stay exact', () => {
    expect(holds(logins({ kind: 'ever' }), facts)).toBe(true);
  });

  test('other conditions see the newest occurrences only', () => {
    expect(holds(logins({ kind: 'last', duration: { amount: 2, unit: 'days' } }), facts)).toBe(false);
    expect(holds(logins({ kind: 'ever' }, [{ property: 'device', operator: 'equals', value: 'web' }], MAX_ITEMS_PER_EVENT), facts)).toBe(true);
  });
});
