import { z } from 'zod';
import { historyOf, encodeBehaviourKey, type BehaviourSummary, type SummaryItem } from '../behaviour';
import { durationMs } from '../duration';
import { itemsInRange, matchingItems, nextDepartureChange } from '../occurrences';
import { ownValue } from '../own';
import { describeFilters, propertyFilterSchema } from '../propertyFilter';
import { describeWindow, windowRange, windowSchema } from '../window';

/**
 * A number computed over the occurrences of an event in a window, e.g. the sum of `amount` over
 * `Order Completed` in the last year. Only numeric property values take part; `count` counts the
 * matching occurrences whatever their properties. Over no values sum is 0 and avg/min/max do not
 * exist, so the condition is false.
 */
export const aggregateConditionSchema = z
  .object({
    type: z.literal('aggregate'),
    event: z.string().min(1),
    where: z.array(propertyFilterSchema).optional(),
    property: z.string().min(1),
    function: z.enum(['count', 'sum', 'avg', 'min', 'max']),
    operator: z.enum(['gt', 'gte', 'lt', 'lte', 'equals', 'between']),
    value: z.number(),
    /** The upper end (inclusive) for `between`, whose lower end is `value`. */
    max: z.number().optional(),
    window: windowSchema,
  })
  .superRefine((condition, context) => {
    if (condition.operator === 'between' && condition.max === undefined) context.addIssue({ code: 'custom', path: ['max'], message: 'between needs max' });
    if (condition.operator === 'between' && condition.max !== undefined && condition.max < condition.value) context.addIssue({ code: 'custom', path: ['max'], message: 'max must be at least value' });
    if (condition.operator !== 'between' && condition.max !== undefined) context.addIssue({ code: 'custom', path: ['max'], message: 'max is only for between' });
  });
export type AggregateCondition = z.infer<typeof aggregateConditionSchema>;

/** Sums run in time order so that every evaluator rounds the same way. */
function aggregateOf(condition: AggregateCondition, items: readonly SummaryItem[]): number | undefined {
  if (condition.function === 'count') return items.length;
  const key = encodeBehaviourKey(condition.property);
  const values: number[] = [];
  for (const item of items) {
    const value = item.props ? ownValue(item.props, key) : undefined;
    if (typeof value === 'number') values.push(value);
  }
  const sum = values.reduce((total, value) => total + value, 0);
  switch (condition.function) {
    case 'sum':
      return sum;
    case 'avg':
      return values.length > 0 ? sum / values.length : undefined;
    case 'min':
      return values.length > 0 ? Math.min(...values) : undefined;
    case 'max':
      return values.length > 0 ? Math.max(...values) : undefined;
  }
}

function compares(condition: AggregateCondition, actual: number | undefined): boolean {
  if (actual === undefined) return false;
  switch (condition.operator) {
    case 'gt':
      return actual > condition.value;
    case 'gte':
      return actual >= condition.value;
    case 'lt':
      return actual < condition.value;
    case 'lte':
      return actual <= condition.value;
    case 'equals':
      return actual === condition.value;
    case 'between':
      return actual >= condition.value && actual <= (condition.max ?? condition.value);
  }
}

export function aggregateValue(condition: AggregateCondition, behaviour: BehaviourSummary, now: number): number | undefined {
  // The all-time total stays exact after old occurrences are dropped from items.
  if (condition.function === 'count' && condition.window.kind === 'ever' && !condition.where?.length) return historyOf(behaviour, condition.event)?.count ?? 0;
  return aggregateOf(condition, itemsInRange(matchingItems(behaviour, condition.event, condition.where), windowRange(condition.window, now)));
}

export function aggregateHolds(condition: AggregateCondition, behaviour: BehaviourSummary, now: number): boolean {
  return compares(condition, aggregateValue(condition, behaviour, now));
}

const operatorWords: Record<AggregateCondition['operator'], string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', equals: '=', between: 'between' };

export function describeAggregate(condition: AggregateCondition, behaviour: BehaviourSummary, now: number): string {
  const actual = aggregateValue(condition, behaviour, now);
  const subject = condition.function === 'count' ? `count of ${condition.event}` : `${condition.function} of ${condition.property} over ${condition.event}`;
  const needs = condition.operator === 'between' ? `between ${condition.value} and ${condition.max}` : `${operatorWords[condition.operator]} ${condition.value}`;
  return `${subject}${describeFilters(condition.where)} ${describeWindow(condition.window)} is ${actual ?? 'undefined (no values)'}; needs ${needs}`;
}

export function aggregateNextChange(condition: AggregateCondition, behaviour: BehaviourSummary, now: number): number | null {
  if (condition.window.kind !== 'last') return null;
  const items = matchingItems(behaviour, condition.event, condition.where);
  return nextDepartureChange(items, durationMs(condition.window.duration), now, (inside) => compares(condition, aggregateOf(condition, inside)));
}
