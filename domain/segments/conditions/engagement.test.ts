import { DAY, holds, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { engagementAsEvent, type EngagementCondition } from './engagement';

const lastWeek = { kind: 'last', duration: { amount: 7, unit: 'days' } } as const;
const opens = learner({
  events: [
    { name: 'Email Opened', at: NOW - DAY, properties: { messageId: 'welcome-1' } },
    { name: 'Email Opened', at: NOW - 2 * DAY, properties: { messageId: 'welcome-2' } },
    { name: 'Email Clicked', at: NOW - 10 * DAY, properties: { messageId: 'welcome-1' } },
  ],
});

describe('engagement conditions', () => {
  test('is an event condition on the email events', () => {
    expect(engagementAsEvent({ type: 'engagement', action: 'clicked', messageId: 'm1', window: lastWeek })).toEqual({
      type: 'event',
      event: 'Email Clicked',
      where: [{ property: 'messageId', operator: 'equals', value: 'm1' }],
      count: { operator: 'atLeast', value: 1 },
      window: lastWeek,
    });
  });

  test.each([
    [{ type: 'engagement', action: 'opened', window: lastWeek }, true],
    [{ type: 'engagement', action: 'opened', window: lastWeek, count: { operator: 'atLeast', value: 3 } }, false],
    [{ type: 'engagement', action: 'opened', messageId: 'welcome-2', window: lastWeek }, true],
    [{ type: 'engagement', action: 'opened', messageId: 'welcome-3', window: lastWeek }, false],
    [{ type: 'engagement', action: 'clicked', window: lastWeek }, false],
    [{ type: 'engagement', action: 'clicked', window: { kind: 'ever' } }, true],
    [{ type: 'engagement', action: 'clicked', window: lastWeek, count: { operator: 'exactly', value: 0 } }, true],
  ] as [EngagementCondition, boolean][])('%j → %s', (condition, expected) => {
    expect(holds(condition, opens)).toBe(expected);
  });

  test('changes and explains as its event condition', () => {
    const condition: EngagementCondition = { type: 'engagement', action: 'opened', messageId: 'welcome-1', window: lastWeek };
    expect(nextChangeAt(ruleOf(condition), opens, NOW)).toBe(NOW + 6 * DAY + 1);
    expect(explainRule(ruleOf(condition), opens, NOW)).toEqual({
      path: 'condition',
      type: 'engagement',
      held: true,
      detail: '1 × Email Opened where messageId = "welcome-1" in the last 7 days; needs at least 1',
    });
  });
});
