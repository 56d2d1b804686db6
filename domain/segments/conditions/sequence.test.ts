import { DAY, holds, HOUR, learner, NOW, ruleOf, type EventSketch } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { type Window } from '../window';
import { type SequenceCondition } from './sequence';

const abandoned = (window: Window = { kind: 'last', duration: { amount: 7, unit: 'days' } }): SequenceCondition => ({
  type: 'sequence',
  first: { event: 'Checkout Started' },
  thenNot: { event: 'Order Completed' },
  within: { amount: 1, unit: 'days' },
  window,
});
const checkout = (age: number): EventSketch => ({ name: 'Checkout Started', at: NOW - age });
const order = (age: number): EventSketch => ({ name: 'Order Completed', at: NOW - age });
const history = (...events: EventSketch[]) => learner({ events });

describe('sequence conditions', () => {
  test('holds once the follow-up time has fully passed without the follow-up', () => {
    expect(holds(abandoned(), history(checkout(2 * DAY)))).toBe(true);
    expect(holds(abandoned(), history(checkout(DAY)))).toBe(true);
    expect(holds(abandoned(), history(checkout(DAY - 1)))).toBe(false);
  });

  test('a follow-up within the time, ends included, answers the occurrence', () => {
    expect(holds(abandoned(), history(checkout(2 * DAY), order(DAY)))).toBe(false);
    expect(holds(abandoned(), history(checkout(2 * DAY), order(2 * DAY)))).toBe(false);
    expect(holds(abandoned(), history(checkout(2 * DAY), order(DAY - 1)))).toBe(true);
    expect(holds(abandoned(), history(checkout(2 * DAY), order(2 * DAY + 1)))).toBe(true);
  });

  test('one unanswered occurrence is enough', () => {
    expect(holds(abandoned(), history(checkout(5 * DAY), order(4 * DAY), checkout(3 * DAY)))).toBe(true);
  });

  test('the window restricts the first occurrence only', () => {
    expect(holds(abandoned(), history(checkout(8 * DAY)))).toBe(false);
    expect(holds(abandoned({ kind: 'ever' }), history(checkout(8 * DAY)))).toBe(true);
    const may: Window = { kind: 'between', from: '2025-05-01T00:00:00Z', to: '2025-05-31T23:59:59Z' };
    expect(holds(abandoned(may), history(checkout(30 * DAY)))).toBe(true);
    expect(holds(abandoned(may), history(checkout(10 * DAY)))).toBe(false);
  });

  test('the first occurrence is not its own follow-up', () => {
    const loginThenNoLogin: SequenceCondition = { ...abandoned(), first: { event: 'Logged In' }, thenNot: { event: 'Logged In' } };
    const logins = (...ages: number[]) => history(...ages.map((age) => ({ name: 'Logged In', at: NOW - age })));
    expect(holds(loginThenNoLogin, logins(3 * DAY))).toBe(true);
    expect(holds(loginThenNoLogin, logins(3 * DAY, 3 * DAY - HOUR))).toBe(true);
    expect(holds(loginThenNoLogin, logins(3 * DAY, 2 * DAY, DAY, 0))).toBe(false);
    expect(holds(loginThenNoLogin, logins(3 * DAY, 2 * DAY - 1, DAY, 0))).toBe(true);
  });

  test('filters apply to both steps', () => {
    const condition: SequenceCondition = {
      ...abandoned(),
      first: { event: 'Checkout Started', where: [{ property: 'courseId', operator: 'equals', value: 'c1' }] },
      thenNot: { event: 'Order Completed', where: [{ property: 'courseId', operator: 'equals', value: 'c1' }] },
    };
    const events = (orderCourse: string) => history({ ...checkout(2 * DAY), properties: { courseId: 'c1' } }, { ...order(DAY + HOUR), properties: { courseId: orderCourse } });
    expect(holds(condition, events('c1'))).toBe(false);
    expect(holds(condition, events('c2'))).toBe(true);
  });

  test('the next change is the deadline, or the occurrence leaving the window', () => {
    expect(nextChangeAt(ruleOf(abandoned()), history(checkout(HOUR)), NOW)).toBe(NOW - HOUR + DAY);
    expect(nextChangeAt(ruleOf(abandoned()), history(checkout(2 * DAY)), NOW)).toBe(NOW - 2 * DAY + 7 * DAY + 1);
    expect(nextChangeAt(ruleOf(abandoned()), history(checkout(2 * DAY), checkout(DAY)), NOW)).toBe(NOW - DAY + 7 * DAY + 1);
    expect(nextChangeAt(ruleOf(abandoned({ kind: 'ever' })), history(checkout(2 * DAY)), NOW)).toBeNull();
    expect(nextChangeAt(ruleOf(abandoned()), history(checkout(2 * DAY), order(DAY)), NOW)).toBeNull();
  });

  test('the explanation names the unanswered occurrence', () => {
    expect(explainRule(ruleOf(abandoned()), history(checkout(2 * DAY)), NOW).detail).toBe(
      'Checkout Started at 2025-06-13T12:00:00.000Z was not followed by Order Completed within 1 day',
    );
    expect(explainRule(ruleOf(abandoned()), history(), NOW).detail).toBe('no Checkout Started in the last 7 days has gone 1 day without Order Completed');
  });
});
