import { aggregateNextChange } from './conditions/aggregate';
import { engagementAsEvent } from './conditions/engagement';
import { eventNextChange } from './conditions/event';
import { eventTimeNextChange } from './conditions/eventTime';
import { sequenceNextChange } from './conditions/sequence';
import { traitNextChange } from './conditions/trait';
import { type LearnerFacts } from './facts';
import { type Condition, type SegmentRule } from './rules';

function earliest(times: readonly (number | null)[]): number | null {
  let result: number | null = null;
  for (const time of times) if (time !== null && (result === null || time < result)) result = time;
  return result;
}

/**
 * Each leaf finds the first instant its own value flips. A group can only flip when one of its parts
 * does, so it takes the earliest of theirs: safe, and at worst an instant at which nothing changes.
 */
function conditionNextChange(condition: Condition, facts: LearnerFacts, now: number): number | null {
  switch (condition.type) {
    case 'all':
    case 'any':
      return earliest(condition.conditions.map((part) => conditionNextChange(part, facts, now)));
    case 'not':
      return conditionNextChange(condition.condition, facts, now);
    case 'trait':
      return traitNextChange(condition, facts.traits, now);
    case 'event':
      return eventNextChange(condition, facts.behaviour, now);
    case 'eventTime':
      return eventTimeNextChange(condition, facts.behaviour, now);
    case 'aggregate':
      return aggregateNextChange(condition, facts.behaviour, now);
    case 'sequence':
      return sequenceNextChange(condition, facts.behaviour, now);
    case 'engagement':
      return eventNextChange(engagementAsEvent(condition), facts.behaviour, now);
    case 'segment':
      // Memberships change when the engine re-evaluates the other segment, never with the clock.
      return null;
  }
}

/**
 * The earliest instant after `now` at which the rule's value could differ from its value at `now`
 * with no new events or traits; the value is the same at every instant before it. Null when the
 * clock alone can never change it.
 */
export function nextChangeAt(rule: SegmentRule, facts: LearnerFacts, now: number): number | null {
  return conditionNextChange(rule.condition, facts, now);
}
