import { engagementAsEvent } from './conditions/engagement';
import { type CompiledCondition } from './compiled/common';
import { compileAggregate } from './compiled/aggregate';
import { compileEvent } from './compiled/event';
import { compileEventTime } from './compiled/eventTime';
import { compileSequence } from './compiled/sequence';
import { compileTrait } from './compiled/trait';
import { type LearnerFacts } from './facts';
import { type Condition, type SegmentRule } from './rules';

// The bulk path: a rule is turned into closures once, with names encoded, filters built and
// thresholds parsed, then run over every learner. It is written apart from the interpreter on
// purpose; the property tests hold both (and a brute-force reference) to one meaning.

function compileCondition(condition: Condition): CompiledCondition {
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
