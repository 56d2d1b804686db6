import { inactivityNodeType, inactivitySettingsSchema } from './inactivity';

describe('inactivity node', () => {
  test('accepts a duration with or without the events that count as activity', () => {
    expect(inactivitySettingsSchema.parse({ inactiveFor: { amount: 7, unit: 'days' } })).toEqual({ inactiveFor: { amount: 7, unit: 'days' } });
    expect(inactivitySettingsSchema.parse({ inactiveFor: { amount: 7, unit: 'days' }, activityEvents: ['Logged In', 'Lesson Completed'] })).toBeTruthy();
  });

  test('rejects a missing duration and empty event names', () => {
    expect(inactivitySettingsSchema.safeParse({}).success).toBe(false);
    expect(inactivitySettingsSchema.safeParse({ inactiveFor: { amount: 7, unit: 'days' }, activityEvents: [''] }).success).toBe(false);
  });

  test('has one output and waits', () => {
    expect(inactivityNodeType.outputs({ inactiveFor: { amount: 1, unit: 'days' } })).toEqual([{ id: 'next', label: 'next' }]);
    expect(inactivityNodeType.waits).toBe(true);
  });
});
