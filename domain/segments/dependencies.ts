import { engagementEvents } from './conditions/engagement';
import { type Condition, type SegmentRule } from './rules';
import { conditionsOf } from './walk';

/** What a rule reads: the engine re-evaluates a segment only when one of these changes. */
export interface RuleDependencies {
  /** Event names as sources send them (not encoded). */
  events: string[];
  traits: string[];
  segments: string[];
  /** The value can change with the clock alone, so nextChangeAt must be consulted. */
  timeDependent: boolean;
}

function readsClock(condition: Condition): boolean {
  switch (condition.type) {
    case 'trait':
      return condition.operator === 'withinLast' || condition.operator === 'withinNext' || condition.operator === 'ageBetween';
    case 'event':
    case 'aggregate':
    case 'engagement':
      return condition.window.kind === 'last';
    case 'eventTime':
      return condition.operator === 'withinLast' || condition.operator === 'notWithinLast';
    case 'sequence':
      // The follow-up deadline a + within passes with time whatever the window.
      return true;
    default:
      return false;
  }
}

function eventsRead(condition: Condition): string[] {
  switch (condition.type) {
    case 'event':
    case 'eventTime':
    case 'aggregate':
      return [condition.event];
    case 'sequence':
      return [condition.first.event, condition.thenNot.event];
    case 'engagement':
      return [engagementEvents[condition.action]];
    default:
      return [];
  }
}

export function ruleDependencies(rule: SegmentRule): RuleDependencies {
  const events = new Set<string>();
  const traits = new Set<string>();
  const segments = new Set<string>();
  let timeDependent = false;
  for (const { condition } of conditionsOf(rule.condition)) {
    for (const event of eventsRead(condition)) events.add(event);
    if (condition.type === 'trait') traits.add(condition.trait);
    if (condition.type === 'segment') segments.add(condition.segmentId);
    timeDependent ||= readsClock(condition);
  }
  return { events: [...events].sort(), traits: [...traits].sort(), segments: [...segments].sort(), timeDependent };
}

/**
 * A cycle among segments that refer to each other (segment id → ids its rule refers to), as the path
 * that closes it: ['a', 'b', 'a']. Null when there is none. Ids without an entry refer to nothing.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (id: string): string[] | null => {
    if (onPath.has(id)) return [...path.slice(path.indexOf(id)), id];
    if (done.has(id)) return null;
    path.push(id);
    onPath.add(id);
    for (const next of edges.get(id) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(id);
    done.add(id);
    return null;
  };
  for (const id of edges.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return null;
}

/**
 * Segment ids with every segment after the ones its rule refers to, so that one pass evaluates each
 * rule against fresh memberships. Referenced ids without an entry are included. Throws on a cycle,
 * which definitions must reject (findCycle) before they are saved.
 */
export function evaluationOrder(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const cycle = findCycle(edges);
  if (cycle) throw new Error(`Segments refer to each other in a cycle: ${cycle.join(' → ')}`);
  const order: string[] = [];
  const placed = new Set<string>();
  const place = (id: string): void => {
    if (placed.has(id)) return;
    placed.add(id);
    for (const dependency of edges.get(id) ?? []) place(dependency);
    order.push(id);
  };
  for (const id of edges.keys()) place(id);
  return order;
}
