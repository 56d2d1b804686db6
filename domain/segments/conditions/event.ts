import { z } from 'zod';
import { historyOf, type BehaviourSummary } from '../behaviour';
import { durationMs } from '../duration';
import { itemsInRange, matchingItems, nextDepartureChange } from '../occurrences';
import { describeFilters, propertyFilterSchema } from '../propertyFilter';
import { describeWindow, windowRange, windowSchema } from '../window';

/** How many occurrences a condition needs; "has not done E" is exactly 0. */
export const countSchema = z.object({
  operator: z.enum(['atLeast', 'atMost', 'exactly']),
  value: z.number().int().min(0),
});
export type Count = z.infer<typeof countSchema>;

/** The learner performed `event` (with properties passing every `where` filter) `count` times in `window`. */
export const eventConditionSchema = z.object({
  type: z.literal('event'),
  event: z.string().min(1),
  where: z.array(propertyFilterSchema).optional(),
  count: countSchema,
  window: windowSchema,
});
export type EventCondition = z.infer<typeof eventConditionSchema>;

export function countHolds(count: Count, occurrences: number): boolean {
  switch (count.operator) {
    case 'atLeast':
      return occurrences >= count.value;
    case 'atMost':
      return occurrences <= count.value;
    case 'exactly':
      return occurrences === count.value;
  }
}

const countWords: Record<Count['operator'], string> = { atLeast: 'at least', atMost: 'at most', exactly: 'exactly' };

export function describeCount(count: Count): string {
  return `${countWords[count.operator]} ${count.value}`;
}

export function eventOccurrences(condition: EventCondition, behaviour: BehaviourSummary, now: number): number {
  // The all-time total stays exact after old occurrences are dropped from items.
  if (condition.window.kind === 'ever' && !condition.where?.length) return historyOf(behaviour, condition.event)?.count ?? 0;
  return itemsInRange(matchingItems(behaviour, condition.event, condition.where), windowRange(condition.window, now)).length;
}

export function eventHolds(condition: EventCondition, behaviour: BehaviourSummary, now: number): boolean {
  return countHolds(condition.count, eventOccurrences(condition, behaviour, now));
}

export function describeEvent(condition: EventCondition, behaviour: BehaviourSummary, now: number): string {
  const occurrences = eventOccurrences(condition, behaviour, now);
  return `${occurrences} × ${condition.event}${describeFilters(condition.where)} ${describeWindow(condition.window)}; needs ${describeCount(condition.count)}`;
}

export function eventNextChange(condition: EventCondition, behaviour: BehaviourSummary, now: number): number | null {
  if (condition.window.kind !== 'last') return null;
  const items = matchingItems(behaviour, condition.event, condition.where);
  return nextDepartureChange(items, durationMs(condition.window.duration), now, (inside) => countHolds(condition.count, inside.length));
}
