import { compileRule, evaluateRule, recordEvents, segmentRuleSchema, type Condition, type LearnerFacts, type SegmentRule } from '../../domain/segments';

export const SECOND = 1_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const NOW = Date.parse('2025-06-15T12:00:00Z');

export interface EventSketch {
  name: string;
  at: number;
  properties?: Record<string, unknown>;
}

/** A learner's facts from a plain history; ids are made up. */
export function learner(history: { traits?: Record<string, unknown>; events?: EventSketch[]; memberships?: string[] } = {}): LearnerFacts {
  const events = (history.events ?? []).map((event, index) => ({ id: `m${index}`, ...event }));
  return { traits: history.traits ?? {}, behaviour: recordEvents({}, events).summary, memberships: new Set(history.memberships ?? []) };
}

/** A rule around one condition, validated as stored rules are. */
export function ruleOf(condition: Condition): SegmentRule {
  return segmentRuleSchema.parse({ version: 1, condition });
}

/** The rule's value for the learner; the interpreter and the compiled rule must agree on it. */
export function holds(condition: Condition, facts: LearnerFacts, now = NOW): boolean {
  const rule = ruleOf(condition);
  const interpreted = evaluateRule(rule, facts, now);
  expect(compileRule(rule)(facts, now)).toBe(interpreted);
  return interpreted;
}
