import { isKnownTimezone } from './timezones';

describe('isKnownTimezone', () => {
  test.each(['Europe/Berlin', 'America/New_York', 'UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'Europe/Kiev'])('knows %s', (name) => {
    expect(isKnownTimezone(name)).toBe(true);
  });

  test.each(['', 'Berlin', 'Mars/Olympus_Mons', '+01:00', 'GMT+1'])('does not know %j', (name) => {
    expect(isKnownTimezone(name)).toBe(false);
  });
});
