import { z } from 'zod';
import { historyOf, type BehaviourSummary } from '../behaviour';
import { describeDuration, durationMs, durationSchema } from '../duration';
import { describeInstant, instantOf, isoInstantSchema } from '../instants';
import { matchingItems } from '../occurrences';
import { describeFilters, propertyFilterSchema } from '../propertyFilter';

const base = {
  type: z.literal('eventTime'),
  event: z.string().min(1),
  where: z.array(propertyFilterSchema).optional(),
  which: z.enum(['first', 'last']),
};

/**
 * When the learner first or last performed an event. Every operator is false for a learner who never
 * performed it — "not within the last 30 days" included: it asks about a time, and there is none.
 * Combine with an event count (`exactly 0`) to include those who never did.
 */
export const eventTimeConditionSchema = z.discriminatedUnion('operator', [
  z.object({ ...base, operator: z.enum(['before', 'after']), value: isoInstantSchema }),
  z.object({ ...base, operator: z.enum(['withinLast', 'notWithinLast']), duration: durationSchema }),
]);
export type EventTimeCondition = z.infer<typeof eventTimeConditionSchema>;

export function occurrenceTime(condition: EventTimeCondition, behaviour: BehaviourSummary): number | undefined {
  if (!condition.where?.length) {
    // first and last stay exact after old occurrences are dropped from items.
    const history = historyOf(behaviour, condition.event);
    return condition.which === 'first' ? history?.first : history?.last;
  }
  const items = matchingItems(behaviour, condition.event, condition.where);
  return (condition.which === 'first' ? items[0] : items[items.length - 1])?.at;
}

export function eventTimeHolds(condition: EventTimeCondition, behaviour: BehaviourSummary, now: number): boolean {
  const time = occurrenceTime(condition, behaviour);
  if (time === undefined) return false;
  switch (condition.operator) {
    case 'before':
      return time < (instantOf(condition.value) ?? NaN);
    case 'after':
      return time > (instantOf(condition.value) ?? NaN);
    case 'withinLast':
      return time >= now - durationMs(condition.duration);
    case 'notWithinLast':
      return time < now - durationMs(condition.duration);
  }
}

function describeRequirement(condition: EventTimeCondition): string {
  switch (condition.operator) {
    case 'before':
    case 'after':
      return `${condition.operator} ${condition.value}`;
    case 'withinLast':
      return `within the last ${describeDuration(condition.duration)}`;
    case 'notWithinLast':
      return `not within the last ${describeDuration(condition.duration)}`;
  }
}

export function describeEventTime(condition: EventTimeCondition, behaviour: BehaviourSummary): string {
  const time = occurrenceTime(condition, behaviour);
  const subject = `${condition.event}${describeFilters(condition.where)}`;
  const actual = time === undefined ? `${subject} never performed` : `${condition.which} ${subject} at ${describeInstant(time)}`;
  return `${actual}; needs ${condition.which} ${describeRequirement(condition)}`;
}

/** Only the relative operators move with time: both flip when the occurrence leaves the duration. */
export function eventTimeNextChange(condition: EventTimeCondition, behaviour: BehaviourSummary, now: number): number | null {
  if (condition.operator !== 'withinLast' && condition.operator !== 'notWithinLast') return null;
  const time = occurrenceTime(condition, behaviour);
  const length = durationMs(condition.duration);
  return time !== undefined && time >= now - length ? time + length + 1 : null;
}
