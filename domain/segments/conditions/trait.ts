import { z } from 'zod';
import { traitsSchema } from '../../learners';
import { describeDuration, durationMs, durationSchema } from '../duration';
import { ageAt, calendarDateOf, instantOf, instantOfAge, isoInstantSchema } from '../instants';
import { ownValue } from '../own';

/** Traits the profile schema types as text or yes/no: comparing them as numbers is a mistake. */
const nonNumericTraits: ReadonlySet<string> = new Set(
  Object.entries(traitsSchema.shape)
    .filter(([, schema]) => !(schema.unwrap() instanceof z.ZodNumber))
    .map(([name]) => name),
);

const base = { type: z.literal('trait'), trait: z.string().min(1) };
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const numericTrait = { path: ['operator'], message: 'This trait is not a number, so it cannot be compared as one' };
const isNumericTrait = (condition: { trait: string }) => !nonNumericTraits.has(condition.trait);
const ordered = { path: ['max'], message: 'max must be at least min' };

/**
 * A test on one top-level trait. Comparisons are strict ("5" is not 5; text is case-sensitive) and
 * the negative operators (notEquals, notIn, notExists) are exact negations, so a learner without the
 * trait is notEquals anything. Numeric operators need a number trait; date operators read text
 * dates (`YYYY-MM-DD` is midnight UTC); `contains` on a list trait asks for an element.
 */
export const traitConditionSchema = z.discriminatedUnion('operator', [
  z.object({ ...base, operator: z.enum(['equals', 'notEquals']), value: scalarSchema }),
  z.object({ ...base, operator: z.enum(['contains', 'startsWith']), value: z.string() }),
  z.object({ ...base, operator: z.enum(['in', 'notIn']), values: z.array(z.union([z.string(), z.number()])).min(1) }),
  z.object({ ...base, operator: z.enum(['exists', 'notExists']) }),
  z.object({ ...base, operator: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }).refine(isNumericTrait, numericTrait),
  z
    .object({ ...base, operator: z.literal('between'), min: z.number(), max: z.number() })
    .refine(isNumericTrait, numericTrait)
    .refine((condition) => condition.min <= condition.max, ordered),
  z.object({ ...base, operator: z.enum(['before', 'after']), value: isoInstantSchema }),
  /** The trait holds a date: withinLast is the past `duration` up to now, withinNext the coming one. */
  z.object({ ...base, operator: z.enum(['withinLast', 'withinNext']), duration: durationSchema }),
  /** The trait holds a birthdate; age is the full years since, on UTC calendar dates. */
  z
    .object({ ...base, operator: z.literal('ageBetween'), min: z.number().int().min(0), max: z.number().int().min(0) })
    .refine((condition) => condition.min <= condition.max, ordered),
]);
export type TraitCondition = z.infer<typeof traitConditionSchema>;

function traitValue(traits: Readonly<Record<string, unknown>>, trait: string): unknown {
  return ownValue(traits, trait);
}

export function traitHolds(condition: TraitCondition, traits: Readonly<Record<string, unknown>>, now: number): boolean {
  const actual = traitValue(traits, condition.trait);
  switch (condition.operator) {
    case 'equals':
      return actual === condition.value;
    case 'notEquals':
      return actual !== condition.value;
    case 'contains':
      return typeof actual === 'string' ? actual.includes(condition.value) : Array.isArray(actual) && actual.includes(condition.value);
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(condition.value);
    case 'in':
      return (typeof actual === 'string' || typeof actual === 'number') && condition.values.includes(actual);
    case 'notIn':
      return !((typeof actual === 'string' || typeof actual === 'number') && condition.values.includes(actual));
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'gt':
      return typeof actual === 'number' && actual > condition.value;
    case 'gte':
      return typeof actual === 'number' && actual >= condition.value;
    case 'lt':
      return typeof actual === 'number' && actual < condition.value;
    case 'lte':
      return typeof actual === 'number' && actual <= condition.value;
    case 'between':
      return typeof actual === 'number' && actual >= condition.min && actual <= condition.max;
    case 'before':
    case 'after': {
      const date = instantOf(actual);
      const bound = instantOf(condition.value);
      if (date === undefined || bound === undefined) return false;
      return condition.operator === 'before' ? date < bound : date > bound;
    }
    case 'withinLast': {
      const date = instantOf(actual);
      return date !== undefined && now - durationMs(condition.duration) <= date && date <= now;
    }
    case 'withinNext': {
      const date = instantOf(actual);
      return date !== undefined && now <= date && date <= now + durationMs(condition.duration);
    }
    case 'ageBetween': {
      const birthdate = calendarDateOf(actual);
      if (birthdate === undefined) return false;
      const age = ageAt(birthdate, now);
      return age >= condition.min && age <= condition.max;
    }
  }
}

function describeRequirement(condition: TraitCondition): string {
  switch (condition.operator) {
    case 'exists':
      return 'set';
    case 'notExists':
      return 'not set';
    case 'in':
    case 'notIn':
      return `${condition.operator === 'in' ? 'one of' : 'none of'} ${JSON.stringify(condition.values)}`;
    case 'between':
      return `between ${condition.min} and ${condition.max}`;
    case 'withinLast':
      return `within the last ${describeDuration(condition.duration)}`;
    case 'withinNext':
      return `within the next ${describeDuration(condition.duration)}`;
    case 'ageBetween':
      return `age between ${condition.min} and ${condition.max}`;
    default:
      return `${condition.operator} ${JSON.stringify(condition.value)}`;
  }
}

export function describeTrait(condition: TraitCondition, traits: Readonly<Record<string, unknown>>, now: number): string {
  const actual = traitValue(traits, condition.trait);
  const birthdate = condition.operator === 'ageBetween' ? calendarDateOf(actual) : undefined;
  const age = birthdate === undefined ? '' : ` (age ${ageAt(birthdate, now)})`;
  const value = actual === undefined || actual === null ? 'not set' : `${JSON.stringify(actual)}${age}`;
  return `${condition.trait} is ${value}; needs ${describeRequirement(condition)}`;
}

/** Relative date operators and ages change as the clock moves; the other operators never do. */
export function traitNextChange(condition: TraitCondition, traits: Readonly<Record<string, unknown>>, now: number): number | null {
  const actual = traitValue(traits, condition.trait);
  switch (condition.operator) {
    case 'withinLast': {
      // Holds while date ≤ now ≤ date + duration.
      const date = instantOf(actual);
      if (date === undefined) return null;
      const end = date + durationMs(condition.duration);
      return now < date ? date : now <= end ? end + 1 : null;
    }
    case 'withinNext': {
      // Holds while date - duration ≤ now ≤ date.
      const date = instantOf(actual);
      if (date === undefined) return null;
      const start = date - durationMs(condition.duration);
      return now < start ? start : now <= date ? date + 1 : null;
    }
    case 'ageBetween': {
      // Age only grows: the rule turns on at the min-th birthday and off at the (max + 1)-th.
      const birthdate = calendarDateOf(actual);
      if (birthdate === undefined) return null;
      const age = ageAt(birthdate, now);
      if (age < condition.min) return instantOfAge(birthdate, condition.min);
      return age <= condition.max ? instantOfAge(birthdate, condition.max + 1) : null;
    }
    default:
      return null;
  }
}
