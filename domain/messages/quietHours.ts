import { nextAllowedMoment } from '../journeys/delayUntil';

/** A daily window of local clock times, in minutes after midnight; `start > end` spans midnight. */
export interface QuietHours {
  /** First quiet minute (inclusive). */
  start: number;
  /** First allowed minute again (exclusive end of the window). */
  end: number;
  /** As configured, `HH:MM-HH:MM`. */
  text: string;
}

const pattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;
const everyDay = [1, 2, 3, 4, 5, 6, 7];

/**
 * Reads `HH:MM-HH:MM` (e.g. `21:00-08:00`, which spans midnight, or `12:00-14:00`). A window whose
 * start equals its end is empty — never quiet — rather than the whole day, which would hold every
 * marketing message back for ever.
 */
export function parseQuietHours(text: string): QuietHours {
  const match = pattern.exec(text);
  if (!match) throw new Error(`quiet hours must look like 21:00-08:00, not "${text}"`);
  const [, startHour, startMinute, endHour, endMinute] = match.map(Number);
  return { start: startHour! * 60 + startMinute!, end: endHour! * 60 + endMinute!, text };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes after midnight on the clocks of `timezone` at `instant`. */
function localMinutes(instant: number, timezone: string): number {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: timezone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    formatters.set(timezone, formatter);
  }
  const parts = formatter.formatToParts(instant);
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  // Some engines write midnight as 24 even in the h23 cycle.
  return (field('hour') % 24) * 60 + field('minute');
}

function inside(minutes: number, window: QuietHours): boolean {
  if (window.start === window.end) return false;
  return window.start < window.end ? minutes >= window.start && minutes < window.end : minutes >= window.start || minutes < window.end;
}

const clockTime = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * Undefined when the clocks of `timezone` (an IANA name the engine knows; see resolveTimezone) do not
 * show quiet hours at `at`; else the first instant after `at` when they show an allowed time again.
 * Quietness is read off the local clock, so daylight-saving changes behave as the learner sees them:
 * a night is an hour shorter or longer, an hour the clocks repeat can be quiet twice, and a window
 * that ends inside the hour the clocks skip ends when they skip it.
 */
export function quietUntil(at: number, quietHours: QuietHours, timezone: string): number | undefined {
  if (!inside(localMinutes(at, timezone), quietHours)) return undefined;
  // Each turn looks at one local day's end time; a second turn happens only on a day whose
  // daylight-saving skip jumps over every allowed minute, and the day after has no skip.
  for (let from = at; ; ) {
    const end = nextAllowedMoment(from, { timeOfDay: clockTime(quietHours.end), weekdays: everyDay }, timezone);
    const reading = localMinutes(end, timezone);
    if (reading === quietHours.end) return end;
    // The clocks skipped the end time, and nextAllowedMoment answered the reading moved on by the gap.
    // When even that is quiet, the skip jumped over every allowed minute of this day: try the next day.
    if (inside(reading, quietHours)) {
      from = end + 1;
      continue;
    }
    // Otherwise quiet hours ended at the skip itself: the first millisecond whose reading is allowed.
    // Between `from` (quiet) and `end` (allowed) the clocks only move forward, so the answer is one flip.
    let quiet = from;
    let allowed = end;
    while (allowed - quiet > 1) {
      const middle = quiet + Math.floor((allowed - quiet) / 2);
      if (inside(localMinutes(middle, timezone), quietHours)) quiet = middle;
      else allowed = middle;
    }
    return allowed;
  }
}
