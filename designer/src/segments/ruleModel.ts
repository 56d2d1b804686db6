import type { Condition, ConditionType, SegmentRule } from '../../../domain/segments/rules';
import { SEGMENT_RULE_VERSION } from '../../../domain/segments/rules';

export type GroupCondition = Extract<Condition, { type: 'all' | 'any' }>;
export type LeafType = Exclude<ConditionType, 'all' | 'any' | 'not'>;

/** The condition types a marketer adds, with the words the builder shows for them. */
export const leafTypes: { type: LeafType; label: string }[] = [
  { type: 'trait', label: 'Trait' },
  { type: 'event', label: 'Event count' },
  { type: 'eventTime', label: 'First / last time' },
  { type: 'aggregate', label: 'Aggregate of a property' },
  { type: 'sequence', label: 'Did A and then not B' },
  { type: 'engagement', label: 'Email engagement' },
  { type: 'segment', label: 'Segment membership' },
];

export const typeLabel = (type: ConditionType): string =>
  type === 'all' ? 'All of (AND)' : type === 'any' ? 'Any of (OR)' : type === 'not' ? 'Not' : (leafTypes.find((entry) => entry.type === type)?.label ?? type);

/** A valid starting point for each type, so that a new condition estimates as soon as its names are filled in. */
export function newCondition(type: LeafType): Condition {
  switch (type) {
    case 'trait':
      return { type: 'trait', trait: '', operator: 'equals', value: '' };
    case 'event':
      return { type: 'event', event: '', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } };
    case 'eventTime':
      return { type: 'eventTime', event: '', which: 'last', operator: 'withinLast', duration: { amount: 30, unit: 'days' } };
    case 'aggregate':
      return { type: 'aggregate', event: '', property: '', function: 'sum', operator: 'gte', value: 0, window: { kind: 'ever' } };
    case 'sequence':
      return { type: 'sequence', first: { event: '' }, thenNot: { event: '' }, within: { amount: 1, unit: 'days' }, window: { kind: 'last', duration: { amount: 30, unit: 'days' } } };
    case 'engagement':
      return { type: 'engagement', action: 'opened', window: { kind: 'last', duration: { amount: 30, unit: 'days' } } };
    case 'segment':
      return { type: 'segment', segmentId: '', operator: 'in' };
  }
}

export const emptyRule = (): SegmentRule => ({ version: SEGMENT_RULE_VERSION, condition: { type: 'all', conditions: [] } });

/**
 * The builder always edits a group at the top, so that conditions can be added beside a lone one;
 * "all of one condition" means the same as the condition.
 */
export function editableRule(rule: SegmentRule): SegmentRule {
  const { condition } = rule;
  return condition.type === 'all' || condition.type === 'any' ? rule : { ...rule, condition: { type: 'all', conditions: [condition] } };
}

/** An empty group cannot be estimated or saved (the schema needs one condition), so the builder says so first. */
export function hasEmptyGroup(condition: Condition): boolean {
  if (condition.type === 'all' || condition.type === 'any') return condition.conditions.length === 0 || condition.conditions.some(hasEmptyGroup);
  if (condition.type === 'not') return hasEmptyGroup(condition.condition);
  return false;
}
