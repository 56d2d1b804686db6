import { encodeBehaviourKey, type SummaryProps } from '../behaviour';
import { type PropertyFilter } from '../propertyFilter';
import { numberComparison, type PropsTest } from './common';

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

/** Undefined when there is nothing to test, so that callers can take their faster unfiltered path. */
export function compileFilters(where: readonly PropertyFilter[] | undefined): PropsTest | undefined {
  if (!where || where.length === 0) return undefined;
  const tests = where.map(compileFilter);
  return (props) => {
    for (const test of tests) if (!test(props)) return false;
    return true;
  };
}
