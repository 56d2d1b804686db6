import type { Duration } from './duration';

// Apart from the schema (duration.ts) because workflow code uses it: every module a workflow imports
// is evaluated again for each cached run, and zod's schemas are not small.

const unitMilliseconds = {
  seconds: 1_000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
} as const;

// Seconds are there so that tests and demos can watch a window close without waiting for days.
export const durationUnits = ['seconds', 'minutes', 'hours', 'days', 'weeks'] as const;

export function durationMs(duration: Duration): number {
  return duration.amount * unitMilliseconds[duration.unit];
}

export function describeDuration(duration: Duration): string {
  const unit = duration.amount === 1 ? duration.unit.slice(0, -1) : duration.unit;
  return `${duration.amount} ${unit}`;
}
