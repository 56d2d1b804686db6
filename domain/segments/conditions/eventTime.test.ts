import { DAY, holds, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { type EventTimeCondition } from './eventTime';

const logins = (...ages: number[]) => learner({ events: ages.map((age, index) => ({ name: 'Logged In', at: NOW - age, properties: { device: index === 0 ? 'mobile' : 'web' } })) });
const lastLogin = (rest: Pick<EventTimeCondition, 'operator'> & Record<string, unknown>): EventTimeCondition => ({ type: 'eventTime', event: 'Logged In', which: 'last', ...rest }) as EventTimeCondition;
const withinWeek = lastLogin({ operator: 'withinLast', duration: { amount: 7, unit: 'days' } });
const notWithinWeek = lastLogin({ operator: 'notWithinLast', duration: { amount: 7, unit: 'days' } });

describe('eventTime conditions', () => {
  test('withinLast and notWithinLast read the last occurrence', () => {
    expect(holds(withinWeek, logins(30 * DAY, 7 * DAY))).toBe(true);
    expect(holds(withinWeek, logins(30 * DAY, 7 * DAY + 1))).toBe(false);
    expect(holds(notWithinWeek, logins(30 * DAY, 8 * DAY))).toBe(true);
    expect(holds(notWithinWeek, logins(30 * DAY, DAY))).toBe(false);
  });

  test('every operator is false for a learner who never performed the event', () => {
    for (const condition of [withinWeek, notWithinWeek, lastLogin({ operator: 'before', value: '2030-01-01' }), lastLogin({ operator: 'after', value: '2000-01-01' })]) {
      expect(holds(condition, learner())).toBe(false);
    }
  });

  test('before and after compare with a fixed moment; first reads the earliest occurrence', () => {
    const firstLogin = { ...lastLogin({ operator: 'before', value: '2025-05-01' }), which: 'first' } as EventTimeCondition;
    expect(holds(firstLogin, logins(10 * DAY, 60 * DAY))).toBe(true);
    expect(holds(lastLogin({ operator: 'before', value: '2025-05-01' }), logins(10 * DAY, 60 * DAY))).toBe(false);
    expect(holds(lastLogin({ operator: 'after', value: '2025-06-14T12:00:00Z' }), logins(DAY))).toBe(false);
    expect(holds(lastLogin({ operator: 'after', value: '2025-06-14T11:59:59Z' }), logins(DAY))).toBe(true);
  });

  test('filters pick the occurrences whose time is read', () => {
    const lastOnMobile = { ...withinWeek, where: [{ property: 'device', operator: 'equals', value: 'mobile' }] } as EventTimeCondition;
    expect(holds(lastOnMobile, logins(10 * DAY, DAY))).toBe(false);
    expect(holds(lastOnMobile, logins(DAY, 10 * DAY))).toBe(true);
  });

  test('the relative operators flip when the occurrence leaves the duration', () => {
    expect(nextChangeAt(ruleOf(withinWeek), logins(DAY), NOW)).toBe(NOW + 6 * DAY + 1);
    expect(nextChangeAt(ruleOf(notWithinWeek), logins(DAY), NOW)).toBe(NOW + 6 * DAY + 1);
    expect(nextChangeAt(ruleOf(notWithinWeek), logins(8 * DAY), NOW)).toBeNull();
    expect(nextChangeAt(ruleOf(withinWeek), learner(), NOW)).toBeNull();
    expect(nextChangeAt(ruleOf(lastLogin({ operator: 'before', value: '2030-01-01' })), logins(DAY), NOW)).toBeNull();
  });

  test('the explanation gives the time', () => {
    expect(explainRule(ruleOf(withinWeek), logins(DAY), NOW).detail).toBe('last Logged In at 2025-06-14T12:00:00.000Z; needs last within the last 7 days');
    expect(explainRule(ruleOf(withinWeek), learner(), NOW).detail).toBe('Logged In never performed; needs last within the last 7 days');
  });
});
