import { type Condition, type SegmentRule } from '../../domain/segments';

/**
 * A deliberately plain reference for the segment rule language: it reads the raw event list (no
 * summary, no caps, no precomputation) and spells each definition out literally. The evaluators in
 * domain/segments must agree with it; when they do not, this is the one to believe.
 */

export interface RawEvent {
  id: string;
  name: string;
  at: number;
  properties: Record<string, unknown>;
}

export interface RawLearner {
  traits: Record<string, unknown>;
  events: RawEvent[];
  memberships: ReadonlySet<string>;
}

type Duration = { amount: number; unit: 'seconds' | 'minutes' | 'hours' | 'days' | 'weeks' };
type Window = { kind: 'ever' } | { kind: 'last'; duration: Duration } | { kind: 'between'; from: string; to: string };
type Filter = { property: string; operator: string; value?: unknown };

const SECOND = 1000;
const lengths = { seconds: SECOND, minutes: 60 * SECOND, hours: 3600 * SECOND, days: 86400 * SECOND, weeks: 7 * 86400 * SECOND };
const ms = (duration: Duration) => duration.amount * lengths[duration.unit];

function own(record: Record<string, unknown>, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function inWindow(window: Window, at: number, now: number): boolean {
  if (window.kind === 'ever') return true;
  if (window.kind === 'last') return at >= now - ms(window.duration);
  return Date.parse(window.from) <= at && at <= Date.parse(window.to);
}

function passes(filter: Filter, properties: Record<string, unknown>): boolean {
  const actual = own(properties, filter.property);
  const value = filter.value;
  switch (filter.operator) {
    case 'equals':
      return actual === value;
    case 'notEquals':
      return actual !== value;
    case 'contains':
      return typeof actual === 'string' && actual.indexOf(value as string) >= 0;
    case 'startsWith':
      return typeof actual === 'string' && actual.indexOf(value as string) === 0;
    case 'in':
      return actual !== undefined && actual !== null && (value as unknown[]).some((candidate) => candidate === actual);
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'gt':
      return typeof actual === 'number' && actual > (value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (value as number);
    case 'lt':
      return typeof actual === 'number' && actual < (value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (value as number);
  }
  throw new Error(`unknown filter operator ${filter.operator}`);
}

function occurrences(learner: RawLearner, name: string, where: Filter[] | undefined): RawEvent[] {
  return learner.events.filter((event) => event.name === name && (where ?? []).every((filter) => passes(filter, event.properties)));
}

function countIs(count: { operator: string; value: number }, n: number): boolean {
  if (count.operator === 'atLeast') return n >= count.value;
  if (count.operator === 'atMost') return n <= count.value;
  return n === count.value;
}

/** `YYYY-MM-DD` is midnight UTC; full ISO date-times carry their own offset; anything else is no date. */
function dateOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return Date.parse(value);
  return undefined;
}

function ageOn(birth: number, now: number): number {
  const born = new Date(birth);
  const today = new Date(now);
  let age = today.getUTCFullYear() - born.getUTCFullYear();
  const monthDayNow = (today.getUTCMonth() + 1) * 100 + today.getUTCDate();
  const monthDayBorn = (born.getUTCMonth() + 1) * 100 + born.getUTCDate();
  if (monthDayNow < monthDayBorn) age -= 1;
  return age;
}

function trait(condition: Extract<Condition, { type: 'trait' }>, traits: Record<string, unknown>, now: number): boolean {
  const actual = own(traits, condition.trait);
  const c = condition as unknown as { operator: string; value?: unknown; values?: unknown[]; min?: number; max?: number; duration?: Duration };
  switch (c.operator) {
    case 'equals':
      return actual === c.value;
    case 'notEquals':
      return actual !== c.value;
    case 'contains':
      if (typeof actual === 'string') return actual.indexOf(c.value as string) >= 0;
      return Array.isArray(actual) && actual.some((element) => element === c.value);
    case 'startsWith':
      return typeof actual === 'string' && actual.indexOf(c.value as string) === 0;
    case 'in':
      return (typeof actual === 'string' || typeof actual === 'number') && (c.values ?? []).some((value) => value === actual);
    case 'notIn':
      return !((typeof actual === 'string' || typeof actual === 'number') && (c.values ?? []).some((value) => value === actual));
    case 'exists':
      return actual !== undefined && actual !== null;
    case 'notExists':
      return actual === undefined || actual === null;
    case 'gt':
      return typeof actual === 'number' && actual > (c.value as number);
    case 'gte':
      return typeof actual === 'number' && actual >= (c.value as number);
    case 'lt':
      return typeof actual === 'number' && actual < (c.value as number);
    case 'lte':
      return typeof actual === 'number' && actual <= (c.value as number);
    case 'between':
      return typeof actual === 'number' && (c.min as number) <= actual && actual <= (c.max as number);
  }
  const date = dateOf(actual);
  if (date === undefined) return false;
  switch (c.operator) {
    case 'before':
      return date < (dateOf(c.value) as number);
    case 'after':
      return date > (dateOf(c.value) as number);
    case 'withinLast':
      return now - ms(c.duration as Duration) <= date && date <= now;
    case 'withinNext':
      return now <= date && date <= now + ms(c.duration as Duration);
    case 'ageBetween': {
      const age = ageOn(date, now);
      return (c.min as number) <= age && age <= (c.max as number);
    }
  }
  throw new Error(`unknown trait operator ${c.operator}`);
}

function aggregate(condition: Extract<Condition, { type: 'aggregate' }>, learner: RawLearner, now: number): boolean {
  const events = occurrences(learner, condition.event, condition.where).filter((event) => inWindow(condition.window, event.at, now));
  const values = events
    .slice()
    .sort((a, b) => a.at - b.at)
    .map((event) => own(event.properties, condition.property))
    .filter((value): value is number => typeof value === 'number');
  let result: number | undefined;
  if (condition.function === 'count') result = events.length;
  if (condition.function === 'sum') result = values.reduce((sum, value) => sum + value, 0);
  if (values.length > 0 && condition.function === 'avg') result = values.reduce((sum, value) => sum + value, 0) / values.length;
  if (values.length > 0 && condition.function === 'min') result = Math.min(...values);
  if (values.length > 0 && condition.function === 'max') result = Math.max(...values);
  if (result === undefined) return false;
  switch (condition.operator) {
    case 'gt':
      return result > condition.value;
    case 'gte':
      return result >= condition.value;
    case 'lt':
      return result < condition.value;
    case 'lte':
      return result <= condition.value;
    case 'equals':
      return result === condition.value;
    case 'between':
      return condition.value <= result && result <= (condition.max as number);
  }
}

function holds(condition: Condition, learner: RawLearner, now: number): boolean {
  switch (condition.type) {
    case 'all':
      return condition.conditions.every((part) => holds(part, learner, now));
    case 'any':
      return condition.conditions.some((part) => holds(part, learner, now));
    case 'not':
      return !holds(condition.condition, learner, now);
    case 'trait':
      return trait(condition, learner.traits, now);
    case 'event':
      return countIs(condition.count, occurrences(learner, condition.event, condition.where).filter((event) => inWindow(condition.window, event.at, now)).length);
    case 'engagement': {
      const name = condition.action === 'opened' ? 'Email Opened' : 'Email Clicked';
      const matching = learner.events.filter((event) => event.name === name && (condition.messageId === undefined || own(event.properties, 'messageId') === condition.messageId));
      return countIs(condition.count ?? { operator: 'atLeast', value: 1 }, matching.filter((event) => inWindow(condition.window, event.at, now)).length);
    }
    case 'eventTime': {
      const times = occurrences(learner, condition.event, condition.where).map((event) => event.at);
      if (times.length === 0) return false;
      const time = condition.which === 'first' ? Math.min(...times) : Math.max(...times);
      if (!('duration' in condition)) return condition.operator === 'before' ? time < (dateOf(condition.value) as number) : time > (dateOf(condition.value) as number);
      return condition.operator === 'withinLast' ? time >= now - ms(condition.duration) : time < now - ms(condition.duration);
    }
    case 'aggregate':
      return aggregate(condition, learner, now);
    case 'sequence': {
      const within = ms(condition.within);
      const followUps = occurrences(learner, condition.thenNot.event, condition.thenNot.where);
      return occurrences(learner, condition.first.event, condition.first.where).some(
        (first) =>
          inWindow(condition.window, first.at, now) &&
          first.at + within <= now &&
          !followUps.some((followUp) => followUp.id !== first.id && first.at <= followUp.at && followUp.at <= first.at + within),
      );
    }
    case 'segment':
      return learner.memberships.has(condition.segmentId) === (condition.operator === 'in');
  }
}

export function bruteForce(rule: SegmentRule, learner: RawLearner, now: number): boolean {
  return holds(rule.condition, learner, now);
}
