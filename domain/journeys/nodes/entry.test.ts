import { entryNodeType, entrySettingsSchema } from './entry';

const once = { mode: 'once' };

describe('entry node', () => {
  test.each([
    { kind: 'segmentEntered', segmentId: 'at-risk-students' },
    { kind: 'segmentExited', segmentId: 'at-risk-students' },
    { kind: 'event', event: 'Enrolled' },
    { kind: 'event', event: 'Enrolled', where: [{ property: 'plan', operator: 'equals', value: 'pro' }], key: 'courseId' },
    { kind: 'dateTrait', trait: 'birthdate', offset: { amount: 0, unit: 'days', direction: 'after' } },
    { kind: 'dateTrait', trait: 'trialEndsAt', offset: { amount: 2, unit: 'weeks', direction: 'before' } },
    { kind: 'manual' },
  ])('accepts the $kind trigger', (trigger) => {
    expect(entrySettingsSchema.parse({ trigger, reentry: once })).toEqual({ trigger, reentry: once });
  });

  test.each([
    ['a segment id that is not a slug', { kind: 'segmentEntered', segmentId: 'At Risk' }],
    ['an empty event name', { kind: 'event', event: '' }],
    ['an empty key', { kind: 'event', event: 'Enrolled', key: '' }],
    ['a malformed property filter', { kind: 'event', event: 'Enrolled', where: [{ property: 'plan', operator: 'equals' }] }],
    ['a negative offset', { kind: 'dateTrait', trait: 'birthdate', offset: { amount: -1, unit: 'days', direction: 'after' } }],
    ['an offset in minutes', { kind: 'dateTrait', trait: 'birthdate', offset: { amount: 1, unit: 'minutes', direction: 'after' } }],
    ['an unknown kind', { kind: 'webhook' }],
  ])('rejects %s', (_case, trigger) => {
    expect(entrySettingsSchema.safeParse({ trigger, reentry: once }).success).toBe(false);
  });

  test('accepts every re-entry mode and needs a cooldown for afterCooldown', () => {
    const trigger = { kind: 'manual' };
    for (const reentry of [once, { mode: 'afterFinish' }, { mode: 'afterCooldown', cooldown: { amount: 30, unit: 'days' } }]) {
      expect(entrySettingsSchema.safeParse({ trigger, reentry }).success).toBe(true);
    }
    expect(entrySettingsSchema.safeParse({ trigger, reentry: { mode: 'afterCooldown' } }).success).toBe(false);
    expect(entrySettingsSchema.safeParse({ trigger }).success).toBe(false);
  });

  test('has one output, does not wait and is the trigger of the palette', () => {
    expect(entryNodeType.outputs({ trigger: { kind: 'manual' }, reentry: { mode: 'once' } })).toEqual([{ id: 'next', label: 'next' }]);
    expect(entryNodeType.waits).toBe(false);
    expect(entryNodeType.palette.category).toBe('trigger');
  });
});
