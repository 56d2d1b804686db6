import { historyOf, type BehaviourSummary, type SummaryItem } from './behaviour';
import { matchesFilters, type PropertyFilter } from './propertyFilter';
import { type TimeRange } from './window';

/** The kept occurrences of an event that pass the filters, ascending by time. */
export function matchingItems(behaviour: BehaviourSummary, event: string, where: readonly PropertyFilter[] | undefined): SummaryItem[] {
  const items = historyOf(behaviour, event)?.items ?? [];
  return where && where.length > 0 ? items.filter((item) => matchesFilters(where, item.props)) : items;
}

export function itemsInRange(items: readonly SummaryItem[], range: TimeRange): SummaryItem[] {
  return items.filter((item) => item.at >= range.from && item.at <= range.to);
}

/**
 * Occurrences only ever leave a `last` window as time passes. This is the first instant after `now`
 * at which `holds`, applied to the occurrences still inside, differs from its value at `now`; null
 * when it never does.
 */
export function nextDepartureChange(items: readonly SummaryItem[], lengthMs: number, now: number, holds: (inside: readonly SummaryItem[]) => boolean): number | null {
  let index = items.findIndex((item) => item.at >= now - lengthMs);
  if (index < 0) return null;
  const current = holds(items.slice(index));
  while (index < items.length) {
    const at = items[index]?.at ?? 0;
    while (index < items.length && items[index]?.at === at) index += 1;
    if (holds(items.slice(index)) !== current) return at + lengthMs + 1;
  }
  return null;
}
