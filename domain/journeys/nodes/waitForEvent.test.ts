import { waitForEventNodeType, waitForEventSettingsSchema } from './waitForEvent';

const settings = { event: 'Order Completed', where: [{ property: 'amount', operator: 'gte', value: 100 }], timeout: { amount: 3, unit: 'days' } };

describe('waitForEvent node', () => {
  test('accepts an event with optional filters and a timeout', () => {
    expect(waitForEventSettingsSchema.parse(settings)).toEqual(settings);
    expect(waitForEventSettingsSchema.parse({ event: 'Logged In', timeout: { amount: 1, unit: 'weeks' } })).toBeTruthy();
  });

  test('needs an event and a timeout', () => {
    expect(waitForEventSettingsSchema.safeParse({ ...settings, event: '' }).success).toBe(false);
    expect(waitForEventSettingsSchema.safeParse({ event: 'Logged In' }).success).toBe(false);
  });

  test('leaves by happened or timed out, and waits', () => {
    expect(waitForEventNodeType.outputs(waitForEventSettingsSchema.parse(settings))).toEqual([
      { id: 'happened', label: 'happened' },
      { id: 'timedOut', label: 'timed out' },
    ]);
    expect(waitForEventNodeType.waits).toBe(true);
  });
});
