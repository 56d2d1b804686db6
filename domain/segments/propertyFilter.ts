import { z } from 'zod';

const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);
const property = z.string().min(1);

/**
 * A test on one top-level property of an event. Comparisons are strict: "5" does not equal 5 and
 * texts are compared case-sensitively. The negative operators are exact negations of the positive
 * ones, so an event without the property is `notEquals` anything.
 */
export const propertyFilterSchema = z.discriminatedUnion('operator', [
  z.object({ property, operator: z.enum(['equals', 'notEquals']), value: scalarSchema }),
  z.object({ property, operator: z.enum(['contains', 'startsWith']), value: z.string() }),
  z.object({ property, operator: z.literal('in'), value: z.array(scalarSchema).min(1) }),
  z.object({ property, operator: z.enum(['exists', 'notExists']) }),
  z.object({ property, operator: z.enum(['gt', 'gte', 'lt', 'lte']), value: z.number() }),
]);
export type PropertyFilter = z.infer<typeof propertyFilterSchema>;

export { matchesFilters } from './propertyMatch';

const operatorWords: Record<PropertyFilter['operator'], string> = {
  equals: '=',
  notEquals: '≠',
  contains: 'contains',
  startsWith: 'starts with',
  in: 'in',
  exists: 'exists',
  notExists: 'does not exist',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
};

export function describeFilters(filters: readonly PropertyFilter[] | undefined): string {
  if (!filters || filters.length === 0) return '';
  const parts = filters.map((filter) => ('value' in filter ? `${filter.property} ${operatorWords[filter.operator]} ${JSON.stringify(filter.value)}` : `${filter.property} ${operatorWords[filter.operator]}`));
  return ` where ${parts.join(' and ')}`;
}
