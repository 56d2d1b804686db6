import type { DelaySettings } from './nodes/delay';
import { isKnownTimezone } from './timezones';

const dayMs = 86_400_000;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The wall-clock reading in `timezone` at `instant`, written as if it were a UTC time (whole seconds). */
function wallClockAt(instant: number, timezone: string): number {
  const parts = formatterFor(timezone).formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  return Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
}

function offsetAt(instant: number, timezone: string): number {
  return wallClockAt(instant, timezone) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instants, earliest first, when the clocks in `timezone` show `wallClock`: two when clocks go
 * back, none when they go forward; then the reading moves on by the gap, as clocks do (02:30 on the
 * morning Berlin skips from 02:00 to 03:00 is 03:30).
 */
function instantsOf(wallClock: number, timezone: string): number[] {
  // The offsets a day either side cover any single transition near the reading.
  const offsetBefore = offsetAt(wallClock - dayMs, timezone);
  const offsetAfter = offsetAt(wallClock + dayMs, timezone);
  const readings = [...new Set([wallClock - offsetBefore, wallClock - offsetAfter])].filter((instant) => wallClockAt(instant, timezone) === wallClock).sort((a, b) => a - b);
  return readings.length > 0 ? readings : [wallClock - offsetBefore];
}

function civilDateAt(instant: number, timezone: string): CivilDate {
  const reading = new Date(wallClockAt(instant, timezone));
  return { year: reading.getUTCFullYear(), month: reading.getUTCMonth() + 1, day: reading.getUTCDate() };
}

/** ISO weekday of a calendar date: 1 is Monday, 7 is Sunday. */
function isoWeekday(date: CivilDate): number {
  return ((new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() + 6) % 7) + 1;
}

/**
 * The first instant at or after `nowMs` when it is `timeOfDay` on one of `weekdays` in `timezone`
 * (an IANA name; see resolveTimezone). Days follow the local calendar, so consecutive days' moments
 * are 23 or 25 hours apart across a daylight-saving change.
 */
export function nextAllowedMoment(nowMs: number, settings: Pick<Extract<DelaySettings, { mode: 'until' }>, 'timeOfDay' | 'weekdays'>, timezone: string): number {
  const [hour = 0, minute = 0] = settings.timeOfDay.split(':').map(Number);
  const today = civilDateAt(nowMs, timezone);
  // A week and a day reaches every weekday, today's again included once its time has passed.
  for (let days = 0; days <= 7; days++) {
    const date: CivilDate = { ...today, day: today.day + days };
    if (!settings.weekdays.includes(isoWeekday(date))) continue;
    const moment = instantsOf(Date.UTC(date.year, date.month - 1, date.day, hour, minute), timezone).find((instant) => instant >= nowMs);
    if (moment !== undefined) return moment;
  }
  throw new Error('A delay until a time of day needs at least one weekday');
}

/** The learner's timezone trait when it names a zone this engine knows, else the delay's fallback. */
export function resolveTimezone(learnerTz: unknown, fallback: string): string {
  return typeof learnerTz === 'string' && isKnownTimezone(learnerTz) ? learnerTz : fallback;
}
