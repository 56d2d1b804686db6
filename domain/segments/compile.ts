import { encodeBehaviourKey, type BehaviourSummary, type EventHistory, type SummaryItem, type SummaryProps } from './behaviour';
import { type AggregateCondition } from './conditions/aggregate';
import { engagementAsEvent } from './conditions/engagement';
import { type Count, type EventCondition } from './conditions/event';
import { type EventTimeCondition } from './conditions/eventTime';
import { type SequenceCondition } from './conditions/sequence';
import { type TraitCondition } from './conditions/trait';
import { durationMs } from './duration';
import { ageAt, calendarDateOf, instantOf } from './instants';
import { type LearnerFacts } from './facts';
import { type PropertyFilter } from './propertyFilter';
import { type Condition, type SegmentRule } from './rules';
import { type Window } from './window';

// The bulk path: a rule is turned into closures once, with names encoded, filters built and
// thresholds parsed, then run over every learner. It is written apart from the interpreter on
// purpose; the property tests hold both (and a brute-force reference) to one meaning.

type Test = (facts: LearnerFacts, now: number) => boolean;
type PropsTest = (props: SummaryProps | undefined) => boolean;

function historyAt(behaviour: BehaviourSummary, key: string): EventHistory | undefined {
  return Object.hasOwn(behaviour, key) ? behaviour[key] : undefined;
}

/** Index of the first item at or after `at` (items are ascending). */
function firstAtOrAfter(items: readonly SummaryItem[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle] as SummaryItem).at < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

function compileFilter(filter: PropertyFilter): PropsTest {
  const key = encodeBehaviourKey(filter.property);
  const read = (props: SummaryProps | undefined) => (props !== undefined && Object.hasOwn(props, key) ? props[key] : undefined);
  switch (filter.operator) {
    case 'equals': {
      const expected = filter.value;
      return (props) => read(props) === expected;
    }
    case 'notEquals': {
      const expected = filter.value;
      return (props) => read(props) !== expected;
    }
    case 'contains': {
      const part = filter.value;
      return (props) => {
        const actual = read(props);
        return typeof actual === 'string' && actual.includes(part);
      };
    }
    case 'startsWith': {
      const prefix = filter.value;
      return (props) => {
        const actual = read(props);
        return typeof actual === 'string' && actual.startsWith(prefix);
      };
    }
    case 'in': {
      const accepted = new Set<unknown>(filter.value);
      return (props) => accepted.has(read(props));
    }
    case 'exists':
      return (props) => read(props) != null;
    case 'notExists':
      return (props) => read(props) == null;
    default: {
      const beats = numberComparison(filter.operator, filter.value);
      return (props) => {
        const actual = read(props);
        return typeof actual === 'number' && beats(actual);
      };
    }
  }
}

function numberComparison(operator: 'gt' | 'gte' | 'lt' | 'lte', bound: number): (actual: number) => boolean {
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

/** Undefined when there is nothing to test, so that callers can take their faster unfiltered path. */
function compileFilters(where: readonly PropertyFilter[] | undefined): PropsTest | undefined {
  if (!where || where.length === 0) return undefined;
  const tests = where.map(compileFilter);
  return (props) => {
    for (const test of tests) if (!test(props)) return false;
    return true;
  };
}

interface CompiledWindow {
  from: (now: number) => number;
  to: number;
}

function compileWindow(window: Window): CompiledWindow {
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
function forEachMatching(history: EventHistory, window: CompiledWindow, filter: PropsTest | undefined, now: number, visit: (item: SummaryItem) => void): void {
  const items = history.items;
  for (let index = firstAtOrAfter(items, window.from(now)); index < items.length; index += 1) {
    const item = items[index] as SummaryItem;
    if (item.at > window.to) break;
    if (!filter || filter(item.props)) visit(item);
  }
}

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

function compileEvent(condition: EventCondition): Test {
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

function compileEventTime(condition: EventTimeCondition): Test {
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

function compileAggregate(condition: AggregateCondition): Test {
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

function compileSequence(condition: SequenceCondition): Test {
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

function compileTrait(condition: TraitCondition): Test {
  const name = condition.trait;
  const read = (facts: LearnerFacts) => (Object.hasOwn(facts.traits, name) ? facts.traits[name] : undefined);
  const test = compileTraitValue(condition);
  return (facts, now) => test(read(facts), now);
}

function compileTraitValue(condition: TraitCondition): (actual: unknown, now: number) => boolean {
  switch (condition.operator) {
    case 'equals': {
      const expected = condition.value;
      return (actual) => actual === expected;
    }
    case 'notEquals': {
      const expected = condition.value;
      return (actual) => actual !== expected;
    }
    case 'contains': {
      const part = condition.value;
      return (actual) => (typeof actual === 'string' ? actual.includes(part) : Array.isArray(actual) && actual.includes(part));
    }
    case 'startsWith': {
      const prefix = condition.value;
      return (actual) => typeof actual === 'string' && actual.startsWith(prefix);
    }
    case 'in':
    case 'notIn': {
      const accepted = new Set<unknown>(condition.values);
      const wanted = condition.operator === 'in';
      return (actual) => accepted.has(actual) === wanted;
    }
    case 'exists':
      return (actual) => actual != null;
    case 'notExists':
      return (actual) => actual == null;
    case 'between': {
      const { min, max } = condition;
      return (actual) => typeof actual === 'number' && actual >= min && actual <= max;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const beats = numberComparison(condition.operator, condition.value);
      return (actual) => typeof actual === 'number' && beats(actual);
    }
    case 'before': {
      const bound = instantOf(condition.value) ?? NaN;
      return (actual) => (instantOf(actual) ?? NaN) < bound;
    }
    case 'after': {
      const bound = instantOf(condition.value) ?? NaN;
      return (actual) => (instantOf(actual) ?? NaN) > bound;
    }
    case 'withinLast': {
      const length = durationMs(condition.duration);
      return (actual, now) => {
        const date = instantOf(actual) ?? NaN;
        return date >= now - length && date <= now;
      };
    }
    case 'withinNext': {
      const length = durationMs(condition.duration);
      return (actual, now) => {
        const date = instantOf(actual) ?? NaN;
        return date >= now && date <= now + length;
      };
    }
    case 'ageBetween': {
      const { min, max } = condition;
      return (actual, now) => {
        const birthdate = calendarDateOf(actual);
        if (birthdate === undefined) return false;
        const age = ageAt(birthdate, now);
        return age >= min && age <= max;
      };
    }
  }
}

function compileCondition(condition: Condition): Test {
  switch (condition.type) {
    case 'all': {
      const parts = condition.conditions.map(compileCondition);
      return (facts, now) => {
        for (const part of parts) if (!part(facts, now)) return false;
        return true;
      };
    }
    case 'any': {
      const parts = condition.conditions.map(compileCondition);
      return (facts, now) => {
        for (const part of parts) if (part(facts, now)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileCondition(condition.condition);
      return (facts, now) => !inner(facts, now);
    }
    case 'trait':
      return compileTrait(condition);
    case 'event':
      return compileEvent(condition);
    case 'eventTime':
      return compileEventTime(condition);
    case 'aggregate':
      return compileAggregate(condition);
    case 'sequence':
      return compileSequence(condition);
    case 'engagement':
      return compileEvent(engagementAsEvent(condition));
    case 'segment': {
      const { segmentId } = condition;
      const wanted = condition.operator === 'in';
      return (facts) => facts.memberships.has(segmentId) === wanted;
    }
  }
}

/** Compiles a rule once for evaluation over many learners; same meaning as evaluateRule. */
export function compileRule(rule: SegmentRule): (facts: LearnerFacts, now: number) => boolean {
  return compileCondition(rule.condition);
}
