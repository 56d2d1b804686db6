import { z } from 'zod';
import { ageOn } from '../normalise/age';
import { normaliseDate } from '../normalise/date';

/** A moment written in a rule: a calendar date (midnight UTC) or a date-time with its offset. */
export const isoInstantSchema = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .refine((value) => instantOf(value) !== undefined, { message: 'Expected a date between the years 1900 and 2200' });

/**
 * The moment a date trait or rule value stands for, in epoch milliseconds. Only text is read as a
 * date (a number trait is a quantity, not a time), through the same parser ingestion normalises
 * with, so a date-only value means midnight UTC wherever the evaluator runs.
 */
export function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const normalised = normaliseDate(value);
  return normalised === undefined ? undefined : Date.parse(normalised);
}

/** The UTC calendar date (`YYYY-MM-DD`) of a date trait, as birthdays are counted. */
export function calendarDateOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return normaliseDate(value)?.slice(0, 10);
}

export function ageAt(birthdate: string, now: number): number {
  return ageOn(birthdate, new Date(now));
}

/**
 * The instant someone born on `birthdate` turns `age`: midnight UTC of that birthday. Date.UTC rolls
 * 29 February over to 1 March in other years, which is exactly when ageOn counts the year as passed.
 */
export function instantOfAge(birthdate: string, age: number): number {
  const [year = 0, month = 0, day = 0] = birthdate.split('-').map(Number);
  return Date.UTC(year + age, month - 1, day);
}

export function describeInstant(instant: number): string {
  return new Date(instant).toISOString();
}
