import { encodeBehaviourKey } from '../behaviour';
import { type Count, type EventCondition } from '../conditions/event';
import { compileWindow, forEachMatching, historyAt, type CompiledCondition } from './common';
import { compileFilters } from './filters';

function compileCount(count: Count): (occurrences: number) => boolean {
  const value = count.value;
  switch (count.operator) {
    case 'atLeast':
      return (occurrences) => occurrences >= value;
    case 'atMost':
      return (occurrences) => occurrences <= value;
    case 'exactly':
      return (occurrences) => occurrences === value;
  }
}

export function compileEvent(condition: EventCondition): CompiledCondition {
  const key = encodeBehaviourKey(condition.event);
  const filter = compileFilters(condition.where);
  const accepts = compileCount(condition.count);
  if (!filter && condition.window.kind === 'ever') return (facts) => accepts(historyAt(facts.behaviour, key)?.count ?? 0);
  const window = compileWindow(condition.window);
  return (facts, now) => {
    const history = historyAt(facts.behaviour, key);
    if (!history) return accepts(0);
    let occurrences = 0;
    forEachMatching(history, window, filter, now, () => {
      occurrences += 1;
    });
    return accepts(occurrences);
  };
}
