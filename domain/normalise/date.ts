/**
 * Dates and date-times to one form: `YYYY-MM-DD` for a calendar date, a UTC ISO string
 * (`2024-03-05T14:30:00.000Z`) for a moment. Only forms that mean one thing are accepted: ISO 8601,
 * year-first dates and epoch numbers. `05/03/2024` is 5 March in Europe and May 3 in the US, so
 * day-first and month-first forms are rejected rather than guessed.
 */

const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;
// Epoch values below this are seconds: as milliseconds they would all fall within early 1973,
// as seconds they reach the year 5138 (and are then rejected by the year range).
const SMALLEST_EPOCH_MILLISECONDS = 1e11;

const datePattern = /^(\d{4})([-/])(\d{2})\2(\d{2})$/;
const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function inRange(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** Date.UTC silently rolls 31 April over to 1 May; a real date reads back as it was written. */
function utcDate(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): Date | undefined {
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const readsBack =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return readsBack && inRange(date) ? date : undefined;
}

/** Minutes east of UTC for "Z", "+05:30", "-0800" or "+02"; undefined when out of range. */
function offsetMinutes(offset: string | undefined): number | undefined {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  return hours <= 14 && minutes <= 59 ? sign * (hours * 60 + minutes) : undefined;
}

function parseDateTime(text: string): string | undefined {
  const match = dateTimePattern.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = '0', fraction = '', offset] = match;
  // A date-time without an offset is read as UTC: the server's own zone must not change the result.
  const minutesEast = offsetMinutes(offset);
  const local = utcDate(Number(year), Number(month), Number(day), Number(hour), Number(minute), Number(second));
  if (!local || minutesEast === undefined) return undefined;
  const milliseconds = Number(fraction.padEnd(3, '0').slice(0, 3));
  const moment = new Date(local.getTime() + milliseconds - minutesEast * 60_000);
  return inRange(moment) ? moment.toISOString() : undefined;
}

function parseText(text: string): string | undefined {
  const dateOnly = datePattern.exec(text);
  if (dateOnly) {
    const [, year, , month, day] = dateOnly;
    const date = utcDate(Number(year), Number(month), Number(day));
    return date ? date.toISOString().slice(0, 10) : undefined;
  }
  return parseDateTime(text);
}

function fromEpoch(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const milliseconds = Math.abs(value) < SMALLEST_EPOCH_MILLISECONDS ? value * 1000 : value;
  const date = new Date(milliseconds);
  return inRange(date) ? date.toISOString() : undefined;
}

/** `YYYY-MM-DD` for dates, a UTC ISO string for date-times; undefined for anything ambiguous or unreal. */
export function normaliseDate(input: unknown): string | undefined {
  if (typeof input === 'string') return parseText(input.trim());
  if (typeof input === 'number') return fromEpoch(input);
  if (input instanceof Date) return inRange(input) ? input.toISOString() : undefined;
  return undefined;
}
