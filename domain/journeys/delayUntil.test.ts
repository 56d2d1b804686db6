import fc from 'fast-check';
import { nextAllowedMoment, resolveTimezone } from './delayUntil';

const everyDay = [1, 2, 3, 4, 5, 6, 7];
const at = (iso: string) => Date.parse(iso);
const next = (now: string, timeOfDay: string, timezone: string, weekdays = everyDay) => new Date(nextAllowedMoment(at(now), { timeOfDay, weekdays }, timezone)).toISOString();

/** The local wall clock as "YYYY-MM-DD HH:MM weekday", for checking answers in their own zone. */
function localReading(instant: number, timeZone: string): { time: string; weekday: number } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', weekday: 'short' }).formatToParts(instant).map((part) => [part.type, part.value]));
  return { time: `${parts.hour}:${parts.minute}`, weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday as string) + 1 };
}

describe('nextAllowedMoment', () => {
  describe('in Europe/Berlin', () => {
    test('takes a time later today, or the same moment when it is now', () => {
      expect(next('2025-01-15T07:00:00Z', '09:00', 'Europe/Berlin')).toBe('2025-01-15T08:00:00.000Z');
      expect(next('2025-01-15T08:00:00Z', '09:00', 'Europe/Berlin')).toBe('2025-01-15T08:00:00.000Z');
      expect(next('2025-01-15T08:00:00.001Z', '09:00', 'Europe/Berlin')).toBe('2025-01-16T08:00:00.000Z');
    });

    test('is 23 hours after yesterday’s across the spring change', () => {
      // Saturday 09:30 CET; clocks go from 02:00 CET to 03:00 CEST on Sunday 30 March.
      expect(next('2025-03-29T08:30:00Z', '09:00', 'Europe/Berlin')).toBe('2025-03-30T07:00:00.000Z');
    });

    test('moves a time the spring change skips on by the hour skipped', () => {
      expect(next('2025-03-29T12:00:00Z', '02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
    });

    test('is 25 hours after yesterday’s across the autumn change', () => {
      // Clocks go back from 03:00 CEST to 02:00 CET on Sunday 26 October.
      expect(next('2025-10-25T07:30:00Z', '09:00', 'Europe/Berlin')).toBe('2025-10-26T08:00:00.000Z');
    });

    test('takes the first of a time the autumn change repeats, then the second', () => {
      expect(next('2025-10-25T12:00:00Z', '02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
      expect(next('2025-10-26T00:45:00Z', '02:30', 'Europe/Berlin')).toBe('2025-10-26T01:30:00.000Z');
      expect(next('2025-10-26T01:45:00Z', '02:30', 'Europe/Berlin')).toBe('2025-10-27T01:30:00.000Z');
    });

    test('goes by the local date and weekday, not UTC’s', () => {
      // 23:30 UTC on Wednesday is already 00:30 on Thursday in Berlin.
      expect(next('2025-01-15T23:30:00Z', '09:00', 'Europe/Berlin', [4])).toBe('2025-01-16T08:00:00.000Z');
    });
  });

  describe('in America/New_York', () => {
    test('is 23 hours after yesterday’s across the spring change', () => {
      // Clocks go from 02:00 EST to 03:00 EDT on Sunday 9 March.
      expect(next('2025-03-08T15:00:00Z', '09:00', 'America/New_York')).toBe('2025-03-09T13:00:00.000Z');
      expect(next('2025-03-08T15:00:00Z', '02:30', 'America/New_York')).toBe('2025-03-09T07:30:00.000Z');
    });

    test('handles the repeated hour of the autumn change', () => {
      // Clocks go back from 02:00 EDT to 01:00 EST on Sunday 2 November.
      expect(next('2025-11-01T12:00:00Z', '01:30', 'America/New_York')).toBe('2025-11-02T05:30:00.000Z');
      // Saturday 10:00 EDT: Sunday's 09:00 EST is 24 + 1 hours later.
      expect(next('2025-11-01T14:00:00Z', '09:00', 'America/New_York')).toBe('2025-11-02T14:00:00.000Z');
      expect(next('2025-11-02T05:45:00Z', '01:30', 'America/New_York')).toBe('2025-11-02T06:30:00.000Z');
    });

    test('goes by the local date and weekday, not UTC’s', () => {
      // 03:00 UTC on Thursday is still Wednesday evening in New York.
      expect(next('2025-01-16T03:00:00Z', '21:00', 'America/New_York', [3])).toBe('2025-01-23T02:00:00.000Z');
      expect(next('2025-01-16T03:00:00Z', '23:00', 'America/New_York', [3])).toBe('2025-01-16T04:00:00.000Z');
    });
  });

  test('waits for an allowed weekday, up to a week when today’s time has passed', () => {
    // Wednesday 15 January 2025.
    expect(next('2025-01-15T12:00:00Z', '09:00', 'Europe/Berlin', [1])).toBe('2025-01-20T08:00:00.000Z');
    expect(next('2025-01-15T12:00:00Z', '09:00', 'Europe/Berlin', [3])).toBe('2025-01-22T08:00:00.000Z');
    expect(next('2025-01-15T12:00:00Z', '09:00', 'Europe/Berlin', [6, 7])).toBe('2025-01-18T08:00:00.000Z');
  });

  test('lands at the time of day on an allowed weekday within a week, wherever and whenever', () => {
    const zones = ['Europe/Berlin', 'America/New_York', 'Europe/London', 'Australia/Sydney', 'Asia/Kolkata', 'America/Los_Angeles', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
        fc.constantFrom(...zones),
        // From 04:00, clear of the hours these zones skip or repeat.
        fc.integer({ min: 4, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
        (now, timezone, hour, minute, weekdays) => {
          const timeOfDay = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const moment = nextAllowedMoment(now, { timeOfDay, weekdays }, timezone);
          expect(moment).toBeGreaterThanOrEqual(now);
          expect(moment - now).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
          expect(localReading(moment, timezone).time).toBe(timeOfDay);
          expect(weekdays).toContain(localReading(moment, timezone).weekday);
          expect(nextAllowedMoment(moment, { timeOfDay, weekdays }, timezone)).toBe(moment);
          // Nothing earlier qualifies: a minute before, the answer is still the same moment.
          if (moment - 60_000 >= now) expect(nextAllowedMoment(moment - 60_000, { timeOfDay, weekdays }, timezone)).toBe(moment);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('resolveTimezone', () => {
  test('takes the learner’s timezone when it is a known zone', () => {
    expect(resolveTimezone('America/New_York', 'Europe/Berlin')).toBe('America/New_York');
  });

  test.each([undefined, null, 42, '', 'Nowhere/Special', 'CEST+2'])('falls back for %j', (learnerTz) => {
    expect(resolveTimezone(learnerTz, 'Europe/Berlin')).toBe('Europe/Berlin');
  });

  test('a delay with an invalid learner timezone runs on the fallback', () => {
    const now = at('2025-03-29T12:00:00Z');
    expect(nextAllowedMoment(now, { timeOfDay: '09:00', weekdays: everyDay }, resolveTimezone('Mars/Base', 'America/New_York'))).toBe(at('2025-03-29T13:00:00Z'));
  });
});
