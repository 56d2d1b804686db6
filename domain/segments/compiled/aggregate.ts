import { encodeBehaviourKey } from '../behaviour';
import { type AggregateCondition } from '../conditions/aggregate';
import { compileWindow, forEachMatching, historyAt, type CompiledCondition } from './common';
import { compileFilters } from './filters';

export function compileAggregate(condition: AggregateCondition): CompiledCondition {
  const key = encodeBehaviourKey(condition.event);
  const property = encodeBehaviourKey(condition.property);
  const filter = compileFilters(condition.where);
  const window = compileWindow(condition.window);
  const { value, max = value } = condition;
  const accepts = (actual: number): boolean => {
    switch (condition.operator) {
      case 'gt':
        return actual > value;
      case 'gte':
        return actual >= value;
      case 'lt':
        return actual < value;
      case 'lte':
        return actual <= value;
      case 'equals':
        return actual === value;
      case 'between':
        return actual >= value && actual <= max;
    }
  };
  const totalCount = condition.function === 'count' && !filter && condition.window.kind === 'ever';
  return (facts, now) => {
    const history = historyAt(facts.behaviour, key);
    if (totalCount) return accepts(history?.count ?? 0);
    let occurrences = 0;
    let values = 0;
    let sum = 0;
    let least = Infinity;
    let most = -Infinity;
    if (history) {
      forEachMatching(history, window, filter, now, (item) => {
        occurrences += 1;
        const actual = item.props !== undefined && Object.hasOwn(item.props, property) ? item.props[property] : undefined;
        if (typeof actual !== 'number') return;
        values += 1;
        sum += actual;
        if (actual < least) least = actual;
        if (actual > most) most = actual;
      });
    }
    switch (condition.function) {
      case 'count':
        return accepts(occurrences);
      case 'sum':
        return accepts(sum);
      case 'avg':
        return values > 0 && accepts(sum / values);
      case 'min':
        return values > 0 && accepts(least);
      case 'max':
        return values > 0 && accepts(most);
    }
  };
}
