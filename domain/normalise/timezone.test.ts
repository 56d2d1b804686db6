import { normaliseTimezone } from './timezone';

describe('normaliseTimezone', () => {
  test.each([
    ['Europe/London', 'Europe/London'],
    ['europe/london', 'Europe/London'],
    ['  AMERICA/NEW_YORK ', 'America/New_York'],
    ['america/argentina/buenos_aires', 'America/Argentina/Buenos_Aires'],
    ['America/Port-au-Prince', 'America/Port-au-Prince'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
    ['UTC', 'UTC'],
    ['utc', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['GMT', 'UTC'],
    ['Zulu', 'UTC'],
    // Renamed zones get their current name whichever spelling the runtime lists.
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['Asia/Calcutta', 'Asia/Kolkata'],
    ['asia/calcutta', 'Asia/Kolkata'],
    ['Europe/Kiev', 'Europe/Kyiv'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Asia/Saigon', 'Asia/Ho_Chi_Minh'],
    ['America/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    // Backward-compatible links resolve to the zone they stand for.
    ['US/Eastern', 'America/New_York'],
    ['us/pacific', 'America/Los_Angeles'],
  ])('%j → %s', (input, expected) => {
    expect(normaliseTimezone(input)).toBe(expected);
  });

  test.each([
    ['EST'],
    ['PST'],
    ['CET'],
    ['Eastern Time'],
    ['+01:00'],
    ['UTC+2'],
    ['GMT-5'],
    ['Europe/Atlantis'],
    ['Mars/Olympus_Mons'],
    ['London'],
    ['Europe/London; DROP TABLE'],
    [''],
    ['   '],
    [0],
    [-5],
    [null],
    [undefined],
    [{ zone: 'Europe/London' }],
  ])('%j is not a zone name', (input) => {
    expect(normaliseTimezone(input)).toBeUndefined();
  });

  test('every zone the runtime lists normalises to a name the runtime accepts, and is stable', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const normalised = normaliseTimezone(zone);
      expect(normalised).toBeDefined();
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: normalised })).not.toThrow();
      expect(normaliseTimezone(normalised)).toBe(normalised);
    }
  });
});
