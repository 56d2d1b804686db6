import { encodeBehaviourKey, type EventHistory, type SummaryItem } from '../behaviour';
import { type EventTimeCondition } from '../conditions/eventTime';
import { durationMs } from '../duration';
import { instantOf } from '../instants';
import { historyAt, type CompiledCondition } from './common';
import { compileFilters } from './filters';

export function compileEventTime(condition: EventTimeCondition): CompiledCondition {
  const key = encodeBehaviourKey(condition.event);
  const filter = compileFilters(condition.where);
  const wantsFirst = condition.which === 'first';
  const timeOf = (history: EventHistory): number | undefined => {
    if (!filter) return wantsFirst ? history.first : history.last;
    const items = history.items;
    if (wantsFirst) return items.find((item) => filter(item.props))?.at;
    for (let index = items.length - 1; index >= 0; index -= 1) if (filter((items[index] as SummaryItem).props)) return (items[index] as SummaryItem).at;
    return undefined;
  };
  let accepts: (time: number, now: number) => boolean;
  switch (condition.operator) {
    case 'before': {
      const bound = instantOf(condition.value) ?? NaN;
      accepts = (time) => time < bound;
      break;
    }
    case 'after': {
      const bound = instantOf(condition.value) ?? NaN;
      accepts = (time) => time > bound;
      break;
    }
    case 'withinLast': {
      const length = durationMs(condition.duration);
      accepts = (time, now) => time >= now - length;
      break;
    }
    case 'notWithinLast': {
      const length = durationMs(condition.duration);
      accepts = (time, now) => time < now - length;
      break;
    }
  }
  return (facts, now) => {
    const history = historyAt(facts.behaviour, key);
    const time = history ? timeOf(history) : undefined;
    return time !== undefined && accepts(time, now);
  };
}
