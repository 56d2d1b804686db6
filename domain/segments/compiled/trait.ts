import { type TraitCondition } from '../conditions/trait';
import { durationMs } from '../duration';
import { type LearnerFacts } from '../facts';
import { ageAt, calendarDateOf, instantOf } from '../instants';
import { numberComparison, type CompiledCondition } from './common';

export function compileTrait(condition: TraitCondition): CompiledCondition {
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
