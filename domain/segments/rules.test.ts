import { segmentRuleSchema } from './rules';

function issuesOf(condition: unknown) {
  const result = segmentRuleSchema.safeParse({ version: 1, condition });
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

const lastWeek = { kind: 'last', duration: { amount: 7, unit: 'days' } };

describe('segmentRuleSchema', () => {
  test('accepts every condition type, nested', () => {
    const rule = {
      version: 1,
      condition: {
        type: 'all',
        conditions: [
          { type: 'trait', trait: 'country', operator: 'in', values: ['GB', 'IE'] },
          { type: 'any', conditions: [{ type: 'event', event: 'Enrolled', where: [{ property: 'courseId', operator: 'equals', value: 'c1' }], count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } }] },
          { type: 'not', condition: { type: 'segment', segmentId: 'students', operator: 'in' } },
          { type: 'eventTime', event: 'Logged In', which: 'last', operator: 'withinLast', duration: { amount: 3, unit: 'days' } },
          { type: 'eventTime', event: 'Signed Up', which: 'first', operator: 'before', value: '2025-01-01' },
          { type: 'aggregate', event: 'Order Completed', property: 'amount', function: 'sum', operator: 'between', value: 10, max: 100, window: lastWeek },
          { type: 'sequence', first: { event: 'Course Page Viewed' }, thenNot: { event: 'Enrolled' }, within: { amount: 1, unit: 'days' }, window: lastWeek },
          { type: 'engagement', action: 'clicked', messageId: 'welcome-1', window: { kind: 'between', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00+01:00' } },
          { type: 'trait', trait: 'birthdate', operator: 'ageBetween', min: 18, max: 24 },
        ],
      },
    };
    expect(segmentRuleSchema.parse(rule)).toEqual(rule);
  });

  test('round-trips through JSON', () => {
    const rule = { version: 1, condition: { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' } };
    expect(segmentRuleSchema.parse(JSON.parse(JSON.stringify(segmentRuleSchema.parse(rule))))).toEqual(rule);
  });

  test('rejects other versions', () => {
    expect(segmentRuleSchema.safeParse({ version: 2, condition: { type: 'segment', segmentId: 's', operator: 'in' } }).success).toBe(false);
  });

  test('a value of the wrong type for its operator names the path', () => {
    expect(issuesOf({ type: 'all', conditions: [{ type: 'trait', trait: 'city', operator: 'contains', value: 3 }] })).toEqual([
      { path: ['condition', 'conditions', 0, 'value'], message: expect.stringContaining('expected string') },
    ]);
    expect(issuesOf({ type: 'trait', trait: 'score', operator: 'gt', value: '3' })).toEqual([{ path: ['condition', 'value'], message: expect.stringContaining('expected number') }]);
    expect(issuesOf({ type: 'trait', trait: 'plan', operator: 'in', values: [] })).toEqual([{ path: ['condition', 'values'], message: expect.any(String) }]);
    expect(issuesOf({ type: 'trait', trait: 'signup', operator: 'before', value: 'yesterday' })[0]?.path).toEqual(['condition', 'value']);
    expect(issuesOf({ type: 'event', event: 'E', where: [{ property: 'p', operator: 'gt', value: 'x' }], count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } })[0]?.path).toEqual([
      'condition',
      'where',
      0,
      'value',
    ]);
    expect(issuesOf({ type: 'event', event: 'E', where: [{ property: 'p', operator: 'in', value: [] }], count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } })[0]?.path).toEqual([
      'condition',
      'where',
      0,
      'value',
    ]);
  });

  test('an unknown operator or condition type names the discriminator', () => {
    expect(issuesOf({ type: 'trait', trait: 'plan', operator: 'matches', value: 'x' })[0]?.path).toEqual(['condition', 'operator']);
    expect(issuesOf({ type: 'event', event: 'E', where: [{ property: 'p', operator: 'like', value: 'x' }], count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } })[0]?.path).toEqual([
      'condition',
      'where',
      0,
      'operator',
    ]);
    expect(issuesOf({ type: 'event', event: 'E', count: { operator: 'more', value: 1 }, window: { kind: 'ever' } })[0]?.path).toEqual(['condition', 'count', 'operator']);
    expect(issuesOf({ type: 'everything' })[0]?.path).toEqual(['condition', 'type']);
  });

  test('numeric operators on traits the profile types as text are errors at operator', () => {
    expect(issuesOf({ type: 'trait', trait: 'email', operator: 'gt', value: 3 })).toEqual([{ path: ['condition', 'operator'], message: 'This trait is not a number, so it cannot be compared as one' }]);
    expect(issuesOf({ type: 'trait', trait: 'birthdate', operator: 'between', min: 1, max: 2 })[0]?.path).toEqual(['condition', 'operator']);
    expect(issuesOf({ type: 'trait', trait: 'unsubscribed', operator: 'lte', value: 1 })[0]?.path).toEqual(['condition', 'operator']);
    expect(issuesOf({ type: 'trait', trait: 'lessonsCompleted', operator: 'gte', value: 3 })).toEqual([]);
  });

  test('windows and durations must be positive, between windows ordered', () => {
    const event = (window: unknown) => ({ type: 'event', event: 'E', count: { operator: 'atLeast', value: 1 }, window });
    expect(issuesOf(event({ kind: 'last', duration: { amount: 0, unit: 'days' } }))[0]?.path).toEqual(['condition', 'window', 'duration', 'amount']);
    expect(issuesOf(event({ kind: 'last', duration: { amount: -1, unit: 'hours' } }))[0]?.path).toEqual(['condition', 'window', 'duration', 'amount']);
    expect(issuesOf(event({ kind: 'last', duration: { amount: 1.5, unit: 'hours' } }))[0]?.path).toEqual(['condition', 'window', 'duration', 'amount']);
    expect(issuesOf(event({ kind: 'last', duration: { amount: 1, unit: 'months' } }))[0]?.path).toEqual(['condition', 'window', 'duration', 'unit']);
    expect(issuesOf(event({ kind: 'between', from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }))).toEqual([{ path: ['condition', 'window', 'to'], message: 'to must be after from' }]);
    expect(issuesOf(event({ kind: 'between', from: '2025-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' }))[0]?.path).toEqual(['condition', 'window', 'to']);
    expect(issuesOf(event({ kind: 'between', from: '2025-01-01T00:00:00', to: '2025-02-01T00:00:00Z' }))[0]?.path).toEqual(['condition', 'window', 'from']);
    expect(issuesOf(event({ kind: 'between', from: '2025-01-01T00:00:00+02:00', to: '2025-01-01T00:00:00Z' }))).toEqual([]);
  });

  test('counts are whole numbers from 0', () => {
    expect(issuesOf({ type: 'event', event: 'E', count: { operator: 'atLeast', value: -1 }, window: { kind: 'ever' } })[0]?.path).toEqual(['condition', 'count', 'value']);
    expect(issuesOf({ type: 'event', event: 'E', count: { operator: 'exactly', value: 0 }, window: { kind: 'ever' } })).toEqual([]);
  });

  test('ranges are ordered and between needs its upper end', () => {
    expect(issuesOf({ type: 'trait', trait: 'score', operator: 'between', min: 5, max: 1 })[0]?.path).toEqual(['condition', 'max']);
    expect(issuesOf({ type: 'trait', trait: 'birthdate', operator: 'ageBetween', min: 30, max: 20 })[0]?.path).toEqual(['condition', 'max']);
    expect(issuesOf({ type: 'trait', trait: 'birthdate', operator: 'ageBetween', min: 20.5, max: 30 })[0]?.path).toEqual(['condition', 'min']);
    const aggregate = { type: 'aggregate', event: 'Order Completed', property: 'amount', function: 'avg', window: { kind: 'ever' } };
    expect(issuesOf({ ...aggregate, operator: 'between', value: 5 })[0]?.path).toEqual(['condition', 'max']);
    expect(issuesOf({ ...aggregate, operator: 'between', value: 5, max: 4 })[0]?.path).toEqual(['condition', 'max']);
    expect(issuesOf({ ...aggregate, operator: 'gt', value: 5, max: 9 })[0]?.path).toEqual(['condition', 'max']);
  });

  test('groups need at least one condition', () => {
    expect(issuesOf({ type: 'any', conditions: [] })[0]?.path).toEqual(['condition', 'conditions']);
  });
});
