import { encodeBehaviourKey, type SummaryProps } from './behaviour';
import { ownValue } from './own';
import type { PropertyFilter } from './propertyFilter';

// Apart from the schema (propertyFilter.ts) because workflow code uses it: every module a workflow
// imports is evaluated again for each cached run, and zod's schemas are not small.

function matchesFilter(filter: PropertyFilter, props: SummaryProps | undefined): boolean {
  const actual = props ? ownValue(props, encodeBehaviourKey(filter.property)) : undefined;
  switch (filter.operator) {
    case 'equals':
      return actual === filter.value;
    case 'notEquals':
      return actual !== filter.value;
    case 'contains':
      return typeof actual === 'string' && actual.includes(filter.value);
    case 'startsWith':
      return typeof actual === 'string' && actual.startsWith(filter.value);
    case 'in':
      return actual !== undefined && actual !== null && filter.value.includes(actual);
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'gt':
      return typeof actual === 'number' && actual > filter.value;
    case 'gte':
      return typeof actual === 'number' && actual >= filter.value;
    case 'lt':
      return typeof actual === 'number' && actual < filter.value;
    case 'lte':
      return typeof actual === 'number' && actual <= filter.value;
  }
}

/** Every filter holds (none given: every occurrence matches). */
export function matchesFilters(filters: readonly PropertyFilter[] | undefined, props: SummaryProps | undefined): boolean {
  return !filters || filters.every((filter) => matchesFilter(filter, props));
}
