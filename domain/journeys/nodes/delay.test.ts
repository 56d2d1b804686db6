import { delayNodeType, delaySettingsSchema } from './delay';

const until = { mode: 'until', timeOfDay: '09:30', weekdays: [1, 2, 3, 4, 5], fallbackTimezone: 'Europe/Berlin' };

describe('delay node', () => {
  test('accepts a duration or a time of day on weekdays in a timezone', () => {
    const duration = { mode: 'duration', duration: { amount: 2, unit: 'days' } };
    expect(delaySettingsSchema.parse(duration)).toEqual(duration);
    expect(delaySettingsSchema.parse(until)).toEqual(until);
    expect(delaySettingsSchema.parse({ ...until, timeOfDay: '00:00', weekdays: [7], fallbackTimezone: 'UTC' })).toBeTruthy();
    expect(delaySettingsSchema.parse({ ...until, timeOfDay: '23:59', fallbackTimezone: 'America/New_York' })).toBeTruthy();
  });

  test.each([
    ['a zero duration', { mode: 'duration', duration: { amount: 0, unit: 'days' } }],
    ['a 12-hour time', { ...until, timeOfDay: '9:30' }],
    ['hour 24', { ...until, timeOfDay: '24:00' }],
    ['minute 60', { ...until, timeOfDay: '10:60' }],
    ['no weekdays', { ...until, weekdays: [] }],
    ['weekday 0', { ...until, weekdays: [0] }],
    ['weekday 8', { ...until, weekdays: [8] }],
    ['a made-up timezone', { ...until, fallbackTimezone: 'Mars/Olympus_Mons' }],
    ['a UTC offset instead of a zone', { ...until, fallbackTimezone: '+01:00' }],
  ])('rejects %s', (_case, settings) => {
    expect(delaySettingsSchema.safeParse(settings).success).toBe(false);
  });

  test('has one output and waits', () => {
    expect(delayNodeType.outputs({ mode: 'duration', duration: { amount: 1, unit: 'hours' } })).toEqual([{ id: 'next', label: 'next' }]);
    expect(delayNodeType.waits).toBe(true);
    expect(delayNodeType.palette.category).toBe('flow');
  });
});
