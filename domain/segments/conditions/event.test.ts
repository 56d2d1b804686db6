import { DAY, holds, HOUR, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { type PropertyFilter } from '../propertyFilter';
import { type Window } from '../window';
import { type Count, type EventCondition } from './event';

const lastWeek: Window = { kind: 'last', duration: { amount: 7, unit: 'days' } };
const condition = (count: Count, window: Window = lastWeek, where?: PropertyFilter[]): EventCondition => ({
  type: 'event',
  event: 'Course Page Viewed',
  count,
  window,
  ...(where ? { where } : {}),
});
const views = (...ages: number[]) => learner({ events: ages.map((age) => ({ name: 'Course Page Viewed', at: NOW - age })) });

describe('event conditions', () => {
  test('count within the last T includes the edge, and events dated in the future', () => {
    const atLeastTwo = condition({ operator: 'atLeast', value: 2 });
    expect(holds(atLeastTwo, views(7 * DAY, DAY))).toBe(true);
    expect(holds(atLeastTwo, views(7 * DAY + 1, DAY))).toBe(false);
    expect(holds(atLeastTwo, views(-DAY, DAY))).toBe(true);
  });

  test('atMost and exactly, with "has not performed" as exactly 0', () => {
    expect(holds(condition({ operator: 'atMost', value: 1 }), views(DAY, 2 * DAY))).toBe(false);
    expect(holds(condition({ operator: 'atMost', value: 1 }), views(DAY, 8 * DAY))).toBe(true);
    expect(holds(condition({ operator: 'exactly', value: 0 }), views(8 * DAY))).toBe(true);
    expect(holds(condition({ operator: 'exactly', value: 0 }), learner())).toBe(true);
    expect(holds(condition({ operator: 'exactly', value: 2 }), views(1, 2, 3))).toBe(false);
  });

  test('between windows include both ends; ever counts everything', () => {
    const january: Window = { kind: 'between', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' };
    const at = (iso: string) => learner({ events: [{ name: 'Course Page Viewed', at: Date.parse(iso) }] });
    expect(holds(condition({ operator: 'atLeast', value: 1 }, january), at('2025-01-01T00:00:00Z'))).toBe(true);
    expect(holds(condition({ operator: 'atLeast', value: 1 }, january), at('2025-02-01T00:00:00Z'))).toBe(true);
    expect(holds(condition({ operator: 'atLeast', value: 1 }, january), at('2025-02-01T00:00:00.001Z'))).toBe(false);
    expect(holds(condition({ operator: 'exactly', value: 3 }, { kind: 'ever' }), views(1, 400 * DAY, -DAY))).toBe(true);
  });

  test('other events do not count', () => {
    expect(holds(condition({ operator: 'atLeast', value: 1 }), learner({ events: [{ name: 'Enrolled', at: NOW }] }))).toBe(false);
  });

  describe('property filters', () => {
    const facts = learner({
      events: [
        { name: 'Course Page Viewed', at: NOW - HOUR, properties: { courseId: 'python-101', price: 49, 'utm.source': 'ads', free: false } },
        { name: 'Course Page Viewed', at: NOW - 2 * HOUR, properties: { courseId: 'go-201', price: 99 } },
        { name: 'Course Page Viewed', at: NOW - 3 * HOUR, properties: { courseId: 'python-301', price: '79' } },
      ],
    });
    const count = (where: PropertyFilter[]) => {
      for (let value = 0; value <= 3; value += 1) if (holds(condition({ operator: 'exactly', value }, lastWeek, where), facts)) return value;
      throw new Error('more than 3');
    };

    test.each([
      [[{ property: 'courseId', operator: 'equals', value: 'go-201' }], 1],
      [[{ property: 'courseId', operator: 'notEquals', value: 'go-201' }], 2],
      [[{ property: 'courseId', operator: 'contains', value: 'python' }], 2],
      [[{ property: 'courseId', operator: 'startsWith', value: 'go' }], 1],
      [[{ property: 'courseId', operator: 'in', value: ['go-201', 'python-301'] }], 2],
      [[{ property: 'price', operator: 'in', value: [49, 79] }], 1],
      [[{ property: 'utm.source', operator: 'exists' }], 1],
      [[{ property: 'utm.source', operator: 'notExists' }], 2],
      [[{ property: 'free', operator: 'equals', value: false }], 1],
      [[{ property: 'price', operator: 'gt', value: 49 }], 1],
      [[{ property: 'price', operator: 'gte', value: 49 }], 2],
      [[{ property: 'price', operator: 'lt', value: 99 }], 1],
      [[{ property: 'price', operator: 'lte', value: 99 }], 2],
      [
        [
          { property: 'courseId', operator: 'contains', value: 'python' },
          { property: 'price', operator: 'exists' },
        ],
        2,
      ],
      [[{ property: 'constructor', operator: 'exists' }], 0],
    ] as [PropertyFilter[], number][])('%j matches %d', (where, expected) => {
      expect(count(where)).toBe(expected);
    });
  });

  describe('next change', () => {
    const next = (count: Count, ...ages: number[]) => nextChangeAt(ruleOf(condition(count)), views(...ages), NOW);

    test('atLeast turns false when enough occurrences have left the window', () => {
      expect(next({ operator: 'atLeast', value: 2 }, DAY, 2 * DAY, 3 * DAY)).toBe(NOW - 2 * DAY + 7 * DAY + 1);
      // An event dated tomorrow leaves a week after tomorrow.
      expect(next({ operator: 'atLeast', value: 1 }, DAY, -DAY)).toBe(NOW + DAY + 7 * DAY + 1);
      expect(next({ operator: 'atLeast', value: 3 }, DAY)).toBeNull();
    });

    test('atMost and exactly turn true when enough have left', () => {
      expect(next({ operator: 'atMost', value: 1 }, DAY, 2 * DAY, 3 * DAY)).toBe(NOW - 2 * DAY + 7 * DAY + 1);
      expect(next({ operator: 'exactly', value: 0 }, DAY, 2 * DAY)).toBe(NOW - DAY + 7 * DAY + 1);
      expect(next({ operator: 'exactly', value: 1 }, DAY, 2 * DAY)).toBe(NOW - 2 * DAY + 7 * DAY + 1);
    });

    test('occurrences at the same instant leave together', () => {
      expect(next({ operator: 'atLeast', value: 2 }, DAY, 2 * DAY, 2 * DAY)).toBe(NOW - 2 * DAY + 7 * DAY + 1);
    });

    test('windows that do not move have no next change', () => {
      expect(nextChangeAt(ruleOf(condition({ operator: 'atLeast', value: 1 }, { kind: 'ever' })), views(DAY), NOW)).toBeNull();
    });
  });

  test('the explanation counts the occurrences', () => {
    expect(explainRule(ruleOf(condition({ operator: 'atLeast', value: 3 })), views(DAY, 2 * DAY), NOW).detail).toBe('2 × Course Page Viewed in the last 7 days; needs at least 3');
    expect(
      explainRule(ruleOf(condition({ operator: 'exactly', value: 0 }, { kind: 'ever' }, [{ property: 'courseId', operator: 'equals', value: 'c1' }])), views(DAY), NOW).detail,
    ).toBe('0 × Course Page Viewed where courseId = "c1" ever; needs exactly 0');
  });
});
