import { type Condition } from './rules';

/** A condition with its zod-style path in the rule, e.g. ['condition', 'conditions', 1]. */
export interface PlacedCondition {
  condition: Condition;
  path: (string | number)[];
}

/** Every condition of a tree, groups included, parents before their parts. */
export function conditionsOf(condition: Condition, path: (string | number)[] = ['condition']): PlacedCondition[] {
  const placed: PlacedCondition[] = [{ condition, path }];
  switch (condition.type) {
    case 'all':
    case 'any':
      condition.conditions.forEach((part, index) => placed.push(...conditionsOf(part, [...path, 'conditions', index])));
      break;
    case 'not':
      placed.push(...conditionsOf(condition.condition, [...path, 'condition']));
      break;
  }
  return placed;
}
