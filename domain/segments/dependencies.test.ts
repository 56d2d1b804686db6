import { evaluationOrder, findCycle, ruleDependencies } from './dependencies';
import { exampleSegments } from './examples';
import { type Condition, type SegmentRule } from './rules';

const rule = (condition: Condition): SegmentRule => ({ version: 1, condition });
const lastDay = { kind: 'last', duration: { amount: 1, unit: 'days' } } as const;

describe('ruleDependencies', () => {
  test('lists events, traits and segments once each', () => {
    expect(
      ruleDependencies(
        rule({
          type: 'all',
          conditions: [
            { type: 'trait', trait: 'country', operator: 'exists' },
            { type: 'any', conditions: [{ type: 'segment', segmentId: 'students', operator: 'notIn' }, { type: 'trait', trait: 'country', operator: 'equals', value: 'GB' }] },
            { type: 'not', condition: { type: 'engagement', action: 'clicked', window: { kind: 'ever' } } },
            { type: 'sequence', first: { event: 'Checkout Started' }, thenNot: { event: 'Order Completed' }, within: { amount: 1, unit: 'hours' }, window: { kind: 'ever' } },
            { type: 'aggregate', event: 'Order Completed', property: 'amount', function: 'sum', operator: 'gt', value: 1, window: { kind: 'ever' } },
          ],
        }),
      ),
    ).toEqual({ events: ['Checkout Started', 'Email Clicked', 'Order Completed'], traits: ['country'], segments: ['students'], timeDependent: true });
  });

  test.each([
    [{ type: 'event', event: 'E', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } }, false],
    [{ type: 'event', event: 'E', count: { operator: 'atLeast', value: 1 }, window: lastDay }, true],
    [{ type: 'event', event: 'E', count: { operator: 'atLeast', value: 1 }, window: { kind: 'between', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' } }, false],
    [{ type: 'engagement', action: 'opened', window: lastDay }, true],
    [{ type: 'eventTime', event: 'E', which: 'last', operator: 'before', value: '2025-01-01' }, false],
    [{ type: 'eventTime', event: 'E', which: 'last', operator: 'notWithinLast', duration: { amount: 1, unit: 'days' } }, true],
    [{ type: 'trait', trait: 'birthdate', operator: 'ageBetween', min: 1, max: 2 }, true],
    [{ type: 'trait', trait: 'trialEndsAt', operator: 'withinNext', duration: { amount: 1, unit: 'days' } }, true],
    [{ type: 'trait', trait: 'trialEndsAt', operator: 'before', value: '2025-01-01' }, false],
    [{ type: 'segment', segmentId: 's', operator: 'in' }, false],
  ] as [Condition, boolean][])('%j is time-dependent: %s', (condition, expected) => {
    expect(ruleDependencies(rule({ type: 'not', condition })).timeDependent).toBe(expected);
  });

  test('the examples depend on the canonical events', () => {
    expect(exampleSegments.map((segment) => ruleDependencies(segment.rule).events)).toEqual([
      ['Course Page Viewed', 'Email Opened', 'Enrolled'],
      ['Enrolled', 'Logged In'],
      ['Enrolled', 'Lead Magnet Downloaded'],
    ]);
  });
});

describe('segment graph', () => {
  const edges = (entries: Record<string, string[]>) => new Map(Object.entries(entries));

  test('findCycle returns the closing path', () => {
    expect(findCycle(edges({ a: ['b'], b: ['c'], c: [] }))).toBeNull();
    expect(findCycle(edges({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(edges({ x: ['a'], a: ['b'], b: ['a'] }))).toEqual(['a', 'b', 'a']);
    expect(findCycle(edges({ a: ['a'] }))).toEqual(['a', 'a']);
    expect(findCycle(edges({ a: ['missing'] }))).toBeNull();
  });

  test('evaluationOrder puts dependencies first', () => {
    const order = evaluationOrder(edges({ top: ['middle', 'leaf'], middle: ['leaf'], leaf: [], alone: [] }));
    expect(order).toEqual(['leaf', 'middle', 'top', 'alone']);
    expect(evaluationOrder(edges({ a: ['outside'] }))).toEqual(['outside', 'a']);
    expect(() => evaluationOrder(edges({ a: ['b'], b: ['a'] }))).toThrow('a → b → a');
  });
});
