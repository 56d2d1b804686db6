import { encodeBehaviourKey, type SummaryItem } from '../behaviour';
import { type SequenceCondition } from '../conditions/sequence';
import { durationMs } from '../duration';
import { compileWindow, firstAtOrAfter, historyAt, type CompiledCondition } from './common';
import { compileFilters } from './filters';

export function compileSequence(condition: SequenceCondition): CompiledCondition {
  const firstKey = encodeBehaviourKey(condition.first.event);
  const followUpKey = encodeBehaviourKey(condition.thenNot.event);
  const firstFilter = compileFilters(condition.first.where);
  const followUpFilter = compileFilters(condition.thenNot.where);
  const within = durationMs(condition.within);
  const window = compileWindow(condition.window);
  return (facts, now) => {
    const firsts = historyAt(facts.behaviour, firstKey);
    if (!firsts) return false;
    const followUpHistory = historyAt(facts.behaviour, followUpKey);
    const followUps = followUpHistory ? followUpHistory.items.filter((item) => !followUpFilter || followUpFilter(item.props)) : [];
    const answered = (first: SummaryItem): boolean => {
      for (let index = firstAtOrAfter(followUps, first.at); index < followUps.length; index += 1) {
        const followUp = followUps[index] as SummaryItem;
        if (followUp.at > first.at + within) return false;
        if (followUp.id !== first.id) return true;
      }
      return false;
    };
    // Only occurrences whose follow-up time has fully passed can make the condition hold.
    const deadline = Math.min(window.to, now - within);
    const items = firsts.items;
    for (let index = firstAtOrAfter(items, window.from(now)); index < items.length; index += 1) {
      const first = items[index] as SummaryItem;
      if (first.at > deadline) break;
      if ((!firstFilter || firstFilter(first.props)) && !answered(first)) return true;
    }
    return false;
  };
}
