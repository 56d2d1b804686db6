// What the compiled conditions share: their type, window bounds and reads of a learner's summary.

import { type BehaviourSummary, type EventHistory, type SummaryItem, type SummaryProps } from '../behaviour';
import { durationMs } from '../duration';
import { type LearnerFacts } from '../facts';
import { type Window } from '../window';

export type CompiledCondition = (facts: LearnerFacts, now: number) => boolean;
export type PropsTest = (props: SummaryProps | undefined) => boolean;

export function historyAt(behaviour: BehaviourSummary, key: string): EventHistory | undefined {
  return Object.hasOwn(behaviour, key) ? behaviour[key] : undefined;
}

/** Index of the first item at or after `at` (items are ascending). */
export function firstAtOrAfter(items: readonly SummaryItem[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as SummaryItem).at < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function numberComparison(operator: 'gt' | 'gte' | 'lt' | 'lte', bound: number): (actual: number) => boolean {
  switch (operator) {
    case 'gt':
      return (actual) => actual > bound;
    case 'gte':
      return (actual) => actual >= bound;
    case 'lt':
      return (actual) => actual < bound;
    case 'lte':
      return (actual) => actual <= bound;
  }
}

export interface CompiledWindow {
  from: (now: number) => number;
  to: number;
}

export function compileWindow(window: Window): CompiledWindow {
  switch (window.kind) {
    case 'ever':
      return { from: () => -Infinity, to: Infinity };
    case 'last': {
      const length = durationMs(window.duration);
      return { from: (now) => now - length, to: Infinity };
    }
    case 'between': {
      const from = Date.parse(window.from);
      return { from: () => from, to: Date.parse(window.to) };
    }
  }
}

/** Calls `visit` with each item of the history inside the window that passes the filter, oldest first. */
export function forEachMatching(history: EventHistory, window: CompiledWindow, filter: PropsTest | undefined, now: number, visit: (item: SummaryItem) => void): void {
  const items = history.items;
  for (let index = firstAtOrAfter(items, window.from(now)); index < items.length; index += 1) {
    const item = items[index] as SummaryItem;
    if (item.at > window.to) break;
    if (!filter || filter(item.props)) visit(item);
  }
}
