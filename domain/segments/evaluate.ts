import { aggregateHolds, describeAggregate } from './conditions/aggregate';
import { engagementAsEvent } from './conditions/engagement';
import { describeEvent, eventHolds } from './conditions/event';
import { describeEventTime, eventTimeHolds } from './conditions/eventTime';
import { describeSegment, segmentHolds } from './conditions/segment';
import { describeSequence, sequenceHolds } from './conditions/sequence';
import { describeTrait, traitHolds } from './conditions/trait';
import { type LearnerFacts } from './facts';
import { type Condition, type ConditionType, type SegmentRule } from './rules';

/** The interpreter: one learner at a time, as events and trait changes arrive. */
function evaluateCondition(condition: Condition, facts: LearnerFacts, now: number): boolean {
  switch (condition.type) {
    case 'all':
      return condition.conditions.every((part) => evaluateCondition(part, facts, now));
    case 'any':
      return condition.conditions.some((part) => evaluateCondition(part, facts, now));
    case 'not':
      return !evaluateCondition(condition.condition, facts, now);
    case 'trait':
      return traitHolds(condition, facts.traits, now);
    case 'event':
      return eventHolds(condition, facts.behaviour, now);
    case 'eventTime':
      return eventTimeHolds(condition, facts.behaviour, now);
    case 'aggregate':
      return aggregateHolds(condition, facts.behaviour, now);
    case 'sequence':
      return sequenceHolds(condition, facts.behaviour, now);
    case 'engagement':
      return eventHolds(engagementAsEvent(condition), facts.behaviour, now);
    case 'segment':
      return segmentHolds(condition, facts.memberships);
  }
}

export function evaluateRule(rule: SegmentRule, facts: LearnerFacts, now: number): boolean {
  return evaluateCondition(rule.condition, facts, now);
}

/** Why a rule holds or not for a learner, condition by condition. */
export interface Explanation {
  /** Where the condition sits in the rule, e.g. `condition.conditions.1`. */
  path: string;
  type: ConditionType;
  held: boolean;
  /** For people, e.g. "3 × Course Page Viewed in the last 7 days; needs at least 3". */
  detail: string;
  children?: Explanation[];
}

function explainGroup(condition: Condition & { type: 'all' | 'any' }, facts: LearnerFacts, now: number, path: string): Explanation {
  const children = condition.conditions.map((part, index) => explainCondition(part, facts, now, `${path}.conditions.${index}`));
  const holding = children.filter((child) => child.held).length;
  const held = condition.type === 'all' ? holding === children.length : holding > 0;
  const needs = condition.type === 'all' ? 'all' : 'at least one';
  return { path, type: condition.type, held, detail: `${holding} of ${children.length} conditions hold; needs ${needs}`, children };
}

function explainCondition(condition: Condition, facts: LearnerFacts, now: number, path: string): Explanation {
  const leaf = (detail: string): Explanation => ({ path, type: condition.type, held: evaluateCondition(condition, facts, now), detail });
  switch (condition.type) {
    case 'all':
    case 'any':
      return explainGroup(condition, facts, now, path);
    case 'not': {
      const inner = explainCondition(condition.condition, facts, now, `${path}.condition`);
      const detail = inner.held ? 'the inner condition holds; needs it not to' : 'the inner condition does not hold, as needed';
      return { path, type: condition.type, held: !inner.held, detail, children: [inner] };
    }
    case 'trait':
      return leaf(describeTrait(condition, facts.traits, now));
    case 'event':
      return leaf(describeEvent(condition, facts.behaviour, now));
    case 'eventTime':
      return leaf(describeEventTime(condition, facts.behaviour));
    case 'aggregate':
      return leaf(describeAggregate(condition, facts.behaviour, now));
    case 'sequence':
      return leaf(describeSequence(condition, facts.behaviour, now));
    case 'engagement':
      return leaf(describeEvent(engagementAsEvent(condition), facts.behaviour, now));
    case 'segment':
      return leaf(describeSegment(condition, facts.memberships));
  }
}

export function explainRule(rule: SegmentRule, facts: LearnerFacts, now: number): Explanation {
  return explainCondition(rule.condition, facts, now, 'condition');
}
