import fc from 'fast-check';
import { parseQuietHours, quietUntil } from './quietHours';

const at = (iso: string) => Date.parse(iso);
const until = (now: string, window: string, timezone: string) => {
  const end = quietUntil(at(now), parseQuietHours(window), timezone);
  return end === undefined ? undefined : new Date(end).toISOString();
};

/** The local clock as "HH:MM", for checking answers in their own zone. */
const localTime = (instant: number, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' }).format(instant);

describe('parseQuietHours', () => {
  test('reads a window spanning midnight and one within a day', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual({ start: 21 * 60, end: 8 * 60, text: '21:00-08:00' });
    expect(parseQuietHours('12:30-14:05')).toEqual({ start: 12 * 60 + 30, end: 14 * 60 + 5, text: '12:30-14:05' });
  });

  test.each(['', '21:00', '9:00-17:00', '24:00-08:00', '21:60-08:00', '21:00-08:00 ', '21:00–08:00'])('refuses %j', (text) => {
    expect(() => parseQuietHours(text)).toThrow(/21:00-08:00/);
  });
});

describe('quietUntil', () => {
  describe('a window spanning midnight (21:00-08:00, UTC)', () => {
    test('is not quiet from its end to just before its start', () => {
      expect(until('2025-01-15T08:00:00Z', '21:00-08:00', 'UTC')).toBeUndefined();
      expect(until('2025-01-15T14:00:00Z', '21:00-08:00', 'UTC')).toBeUndefined();
      expect(until('2025-01-15T20:59:59.999Z', '21:00-08:00', 'UTC')).toBeUndefined();
    });

    test('ends at 08:00 the next morning from the evening, and the same morning after midnight', () => {
      expect(until('2025-01-15T21:00:00Z', '21:00-08:00', 'UTC')).toBe('2025-01-16T08:00:00.000Z');
      expect(until('2025-01-15T23:30:00Z', '21:00-08:00', 'UTC')).toBe('2025-01-16T08:00:00.000Z');
      expect(until('2025-01-16T00:00:00Z', '21:00-08:00', 'UTC')).toBe('2025-01-16T08:00:00.000Z');
      expect(until('2025-01-16T07:59:59.999Z', '21:00-08:00', 'UTC')).toBe('2025-01-16T08:00:00.000Z');
    });
  });

  describe('a window within one day (12:00-14:00, Europe/Paris)', () => {
    test('is quiet only between its start and its end, local time', () => {
      // Paris is UTC+1 in January.
      expect(until('2025-01-15T10:59:59Z', '12:00-14:00', 'Europe/Paris')).toBeUndefined();
      expect(until('2025-01-15T11:00:00Z', '12:00-14:00', 'Europe/Paris')).toBe('2025-01-15T13:00:00.000Z');
      expect(until('2025-01-15T12:30:00Z', '12:00-14:00', 'Europe/Paris')).toBe('2025-01-15T13:00:00.000Z');
      expect(until('2025-01-15T13:00:00Z', '12:00-14:00', 'Europe/Paris')).toBeUndefined();
      expect(until('2025-01-15T22:00:00Z', '12:00-14:00', 'Europe/Paris')).toBeUndefined();
      expect(until('2025-01-15T23:30:00Z', '12:00-14:00', 'Europe/Paris')).toBeUndefined();
    });
  });

  test('an empty window (start = end) is never quiet', () => {
    expect(until('2025-01-15T08:00:00Z', '08:00-08:00', 'UTC')).toBeUndefined();
    expect(until('2025-01-15T20:00:00Z', '08:00-08:00', 'UTC')).toBeUndefined();
  });

  test('reads the learner’s clock: 23:00 in New York is quiet until 08:00 there', () => {
    // 04:00 UTC is 23:00 EST the evening before; 08:00 EST is 13:00 UTC.
    expect(until('2025-01-15T04:00:00Z', '21:00-08:00', 'America/New_York')).toBe('2025-01-15T13:00:00.000Z');
    // The same instant is 05:00 in Paris, quiet until 08:00 there, and 13:30 in Kolkata, not quiet.
    expect(until('2025-01-15T04:00:00Z', '21:00-08:00', 'Europe/Paris')).toBe('2025-01-15T07:00:00.000Z');
    expect(until('2025-01-15T04:00:00Z', '21:00-08:00', 'Asia/Kolkata')).toBeUndefined();
  });

  describe('across daylight-saving changes', () => {
    test('the spring night is an hour shorter (New York, 9 March 2025)', () => {
      // 23:00 EST Saturday; clocks go from 02:00 EST to 03:00 EDT; 08:00 EDT is 12:00 UTC: 8 hours.
      expect(until('2025-03-09T04:00:00Z', '21:00-08:00', 'America/New_York')).toBe('2025-03-09T12:00:00.000Z');
    });

    test('the autumn night is an hour longer (New York, 2 November 2025)', () => {
      // 23:00 EDT Saturday; clocks go from 02:00 EDT back to 01:00 EST; 08:00 EST is 13:00 UTC: 10 hours.
      expect(until('2025-11-02T03:00:00Z', '21:00-08:00', 'America/New_York')).toBe('2025-11-02T13:00:00.000Z');
    });

    test('a window ending in the hour the spring change skips ends when the clocks skip it (Paris, 30 March 2025)', () => {
      // 23:00 CET; at 01:00 UTC the clocks jump from 02:00 CET to 03:00 CEST, past 02:30.
      expect(until('2025-03-29T22:00:00Z', '22:00-02:30', 'Europe/Paris')).toBe('2025-03-30T01:00:00.000Z');
      expect(until('2025-03-30T00:59:59.999Z', '22:00-02:30', 'Europe/Paris')).toBe('2025-03-30T01:00:00.000Z');
      expect(until('2025-03-30T01:00:00Z', '22:00-02:30', 'Europe/Paris')).toBeUndefined();
    });

    test('a window starting in the skipped hour is quiet from the skip on (Paris, 30 March 2025)', () => {
      expect(until('2025-03-30T00:59:00Z', '02:30-06:00', 'Europe/Paris')).toBeUndefined();
      // 03:10 CEST is after 02:30 on the clock, so quiet until 06:00 CEST (04:00 UTC).
      expect(until('2025-03-30T01:10:00Z', '02:30-06:00', 'Europe/Paris')).toBe('2025-03-30T04:00:00.000Z');
    });

    test('when the skip jumps over every allowed minute, quiet hours last until the next day’s end', () => {
      // Quiet 02:45-02:30: only 02:30-02:44 is allowed, and on 30 March Paris clocks never show it.
      expect(until('2025-03-30T00:00:00Z', '02:45-02:30', 'Europe/Paris')).toBe('2025-03-31T00:30:00.000Z');
    });

    test('an hour the autumn change repeats is quiet both times the clocks show it (Paris, 26 October 2025)', () => {
      // 23:00 CEST; the first 02:30 (CEST) is 00:30 UTC.
      expect(until('2025-10-25T21:00:00Z', '21:00-02:30', 'Europe/Paris')).toBe('2025-10-26T00:30:00.000Z');
      expect(until('2025-10-26T00:45:00Z', '21:00-02:30', 'Europe/Paris')).toBeUndefined();
      // At 01:00 UTC the clocks go back from 03:00 CEST to 02:00 CET: 02:10 CET is quiet until 02:30 CET.
      expect(until('2025-10-26T01:10:00Z', '21:00-02:30', 'Europe/Paris')).toBe('2025-10-26T01:30:00.000Z');
    });
  });

  test('property: quiet from `at` until the answer, allowed at the answer; undefined only when allowed', () => {
    const zones = ['UTC', 'America/New_York', 'Europe/Paris', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];
    const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
    // Half the instants fall within 36 hours of a daylight-saving change (of any of the zones, in 2025).
    const changes = ['2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2025-03-30T01:00:00Z', '2025-10-26T01:00:00Z', '2025-04-05T15:00:00Z', '2025-10-04T15:30:00Z', '2025-04-06T03:00:00Z', '2025-09-07T04:00:00Z'].map(at);
    const nearChange = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 })).map(([change, offset]) => change + offset);
    const instant = fc.oneof(fc.integer({ min: at('2024-01-01T00:00:00Z'), max: at('2027-01-01T00:00:00Z') }), nearChange);
    const zone = fc.constantFrom(...zones);
    const isQuiet = (instant: number, start: string, end: string, timezone: string) => {
      const local = localTime(instant, timezone);
      return start < end ? local >= start && local < end : start > end && (local >= start || local < end);
    };
    fc.assert(
      fc.property(instant, clock, clock, zone, fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { maxLength: 5 }), (now, start, end, timezone, fractions) => {
        const answer = quietUntil(now, parseQuietHours(`${start}-${end}`), timezone);
        if (answer === undefined) {
          expect(isQuiet(now, start, end, timezone)).toBe(false);
          return;
        }
        expect(isQuiet(now, start, end, timezone)).toBe(true);
        expect(answer).toBeGreaterThan(now);
        expect(answer - now).toBeLessThanOrEqual(2 * 86_400_000);
        expect(isQuiet(answer, start, end, timezone)).toBe(false);
        expect(isQuiet(answer - 1, start, end, timezone)).toBe(true);
        for (const fraction of fractions) expect(isQuiet(now + Math.floor(fraction * (answer - now)), start, end, timezone)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
