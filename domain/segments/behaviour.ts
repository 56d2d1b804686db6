import { ownValue, setOwn } from './own';

/** The props an item keeps: an event's top-level scalar properties, keys encoded as behaviour keys. */
export type SummaryProps = Record<string, string | number | boolean | null>;

/** One remembered occurrence of an event. */
export interface SummaryItem {
  /** Event time, epoch milliseconds. */
  at: number;
  /** The event's messageId: replays of the same message are recognised by it. */
  id: string;
  props?: SummaryProps;
}

/** Everything a learner keeps about one event name. */
export interface EventHistory {
  /** Occurrences ever recorded, including those no longer among items. */
  count: number;
  /** Earliest and latest occurrence ever recorded (epoch milliseconds). */
  first: number;
  last: number;
  /** Ascending by `at`; the newest MAX_ITEMS_PER_EVENT occurrences. */
  items: SummaryItem[];
}

/**
 * What a learner keeps of their events so that segment rules are evaluated without reading raw
 * events. Keys are ENCODED event names (encodeBehaviourKey): the store forbids '.' and '$' in keys.
 *
 * Rules are evaluated exactly while a learner has at most MAX_ITEMS_PER_EVENT occurrences of an
 * event. Beyond that only unfiltered all-time counts and first/last times stay exact; every other
 * condition sees the newest MAX_ITEMS_PER_EVENT occurrences only, and a replay of an occurrence
 * that has already been dropped is counted again.
 */
export type BehaviourSummary = Record<string, EventHistory>;

export interface RecordedEvent {
  /** messageId, unique per event. */
  id: string;
  name: string;
  /** Event time, epoch milliseconds. */
  at: number;
  properties?: Record<string, unknown>;
}

export const MAX_ITEMS_PER_EVENT = 500;
/** Long property texts are cut: rules compare names, plans and ids, not documents. */
export const MAX_PROPERTY_LENGTH = 256;

const escapes: Record<string, string> = { '%': '%25', '.': '%2E', $: '%24', '\u0000': '%00' };
const unescapes: Record<string, string> = { '%25': '%', '%2E': '.', '%24': '$', '%00': '\u0000' };

/** An event or property name as a storable key: '%', '.', '$' and NUL percent-escaped, reversibly. */
export function encodeBehaviourKey(name: string): string {
  // eslint-disable-next-line no-control-regex -- NUL must be escaped too: stored keys are C strings.
  return name.replace(/[%.$\u0000]/g, (character) => escapes[character] ?? character);
}

export function decodeBehaviourKey(key: string): string {
  return key.replace(/%(25|2E|24|00)/g, (escape) => unescapes[escape] ?? escape);
}

export function historyOf(summary: BehaviourSummary, eventName: string): EventHistory | undefined {
  return ownValue(summary, encodeBehaviourKey(eventName));
}

/** An event's properties as rules see them: top-level scalars under encoded names (strings cut short). */
export function summaryProps(properties: Record<string, unknown> | undefined): SummaryProps | undefined {
  if (!properties) return undefined;
  const props: SummaryProps = {};
  let kept = 0;
  for (const [name, value] of Object.entries(properties)) {
    const scalar = typeof value === 'string' ? value.slice(0, MAX_PROPERTY_LENGTH) : value;
    if (typeof scalar === 'string' || typeof scalar === 'boolean' || scalar === null || (typeof scalar === 'number' && Number.isFinite(scalar))) {
      setOwn(props, encodeBehaviourKey(name), scalar);
      kept += 1;
    }
  }
  return kept > 0 ? props : undefined;
}

/** Where an item at `at` goes so that items stay ascending, after any already there at the same time. */
function insertionIndex(items: readonly SummaryItem[], at: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((items[middle]?.at ?? 0) <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Adds an occurrence in time order to a history this call owns; counts and extremes stay totals. */
function addItem(history: EventHistory, item: SummaryItem): void {
  history.items.splice(insertionIndex(history.items, item.at), 0, item);
  if (history.items.length > MAX_ITEMS_PER_EVENT) history.items.shift();
  history.count += 1;
  history.first = Math.min(history.first, item.at);
  history.last = Math.max(history.last, item.at);
}

/**
 * Adds events to a summary without changing it. Events may arrive in any order and more than once:
 * an event whose id is already among the items of its name is skipped (at-least-once delivery).
 * `added` lists the events that were new.
 */
export function recordEvents(summary: BehaviourSummary, events: readonly RecordedEvent[]): { summary: BehaviourSummary; added: RecordedEvent[] } {
  const result: BehaviourSummary = { ...summary };
  // Histories copied by this call, which it may then change in place.
  const copied = new Set<string>();
  const added: RecordedEvent[] = [];
  for (const event of events) {
    const key = encodeBehaviourKey(event.name);
    const stored = ownValue(result, key);
    if (stored?.items.some((item) => item.id === event.id)) continue;
    const props = summaryProps(event.properties);
    const item: SummaryItem = props ? { at: event.at, id: event.id, props } : { at: event.at, id: event.id };
    if (!stored) {
      setOwn(result, key, { count: 1, first: item.at, last: item.at, items: [item] });
      copied.add(key);
    } else {
      const history = copied.has(key) ? stored : { ...stored, items: [...stored.items] };
      addItem(history, item);
      setOwn(result, key, history);
      copied.add(key);
    }
    added.push(event);
  }
  return { summary: result, added };
}

function mergeHistories(into: EventHistory, from: EventHistory): EventHistory {
  const known = new Set(into.items.map((item) => item.id));
  const fresh = from.items.filter((item) => !known.has(item.id));
  const shared = from.items.length - fresh.length;
  // Stable sort: at equal times the surviving profile's items stay first.
  const items = [...into.items, ...fresh].sort((a, b) => a.at - b.at);
  return {
    count: into.count + from.count - shared,
    first: Math.min(into.first, from.first),
    last: Math.max(into.last, from.last),
    items: items.slice(Math.max(0, items.length - MAX_ITEMS_PER_EVENT)),
  };
}

/**
 * The summary of two profiles found to be one person. Occurrences both kept (same id) count once;
 * overlap among occurrences already dropped from items cannot be seen and is counted twice.
 */
export function mergeBehaviour(into: BehaviourSummary, from: BehaviourSummary): BehaviourSummary {
  const result: BehaviourSummary = { ...into };
  for (const [key, history] of Object.entries(from)) {
    const existing = ownValue(result, key);
    setOwn(result, key, existing ? mergeHistories(existing, history) : history);
  }
  return result;
}
