import { DAY, holds, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';
import { type TraitCondition } from './trait';

const withTraits = (traits: Record<string, unknown>) => learner({ traits });
const trait = (condition: Record<string, unknown>) => ({ type: 'trait', ...condition }) as TraitCondition;

describe('trait conditions', () => {
  test.each([
    [{ trait: 'plan', operator: 'equals', value: 'pro' }, { plan: 'pro' }, true],
    [{ trait: 'plan', operator: 'equals', value: 'pro' }, { plan: 'Pro' }, false],
    [{ trait: 'visits', operator: 'equals', value: 5 }, { visits: '5' }, false],
    [{ trait: 'vip', operator: 'equals', value: true }, { vip: true }, true],
    [{ trait: 'plan', operator: 'notEquals', value: 'pro' }, { plan: 'free' }, true],
    [{ trait: 'plan', operator: 'notEquals', value: 'pro' }, {}, true],
    [{ trait: 'email', operator: 'contains', value: '@school.' }, { email: 'ann@school.edu' }, true],
    [{ trait: 'interests', operator: 'contains', value: 'python' }, { interests: ['go', 'python'] }, true],
    [{ trait: 'interests', operator: 'contains', value: 'py' }, { interests: ['go', 'python'] }, false],
    [{ trait: 'company', operator: 'startsWith', value: 'Acme' }, { company: 'Acme Ltd' }, true],
    [{ trait: 'company', operator: 'startsWith', value: 'Acme' }, { company: 42 }, false],
    [{ trait: 'country', operator: 'in', values: ['GB', 'IE'] }, { country: 'IE' }, true],
    [{ trait: 'country', operator: 'in', values: ['GB', 'IE'] }, {}, false],
    [{ trait: 'country', operator: 'notIn', values: ['GB', 'IE'] }, {}, true],
    [{ trait: 'country', operator: 'notIn', values: ['GB', 'IE'] }, { country: 'GB' }, false],
    [{ trait: 'phone', operator: 'exists' }, { phone: '+44' }, true],
    [{ trait: 'phone', operator: 'exists' }, { phone: null }, false],
    [{ trait: 'phone', operator: 'notExists' }, {}, true],
    [{ trait: 'score', operator: 'gt', value: 10 }, { score: 11 }, true],
    [{ trait: 'score', operator: 'gt', value: 10 }, { score: 10 }, false],
    [{ trait: 'score', operator: 'gte', value: 10 }, { score: 10 }, true],
    [{ trait: 'score', operator: 'lt', value: 10 }, { score: '9' }, false],
    [{ trait: 'score', operator: 'lte', value: 10 }, { score: 10 }, true],
    [{ trait: 'score', operator: 'between', min: 1, max: 3 }, { score: 3 }, true],
    [{ trait: 'score', operator: 'between', min: 1, max: 3 }, { score: 3.5 }, false],
    [{ trait: 'signedUpAt', operator: 'before', value: '2025-01-01' }, { signedUpAt: '2024-12-31T23:59:59Z' }, true],
    [{ trait: 'signedUpAt', operator: 'before', value: '2025-01-01' }, { signedUpAt: '2025-01-01' }, false],
    [{ trait: 'signedUpAt', operator: 'after', value: '2025-01-01T00:00:00+01:00' }, { signedUpAt: '2024-12-31T23:30:00Z' }, true],
    [{ trait: 'signedUpAt', operator: 'after', value: '2025-01-01' }, { signedUpAt: 'soon' }, false],
    [{ trait: 'constructor', operator: 'exists' }, {}, false],
  ] as [Record<string, unknown>, Record<string, unknown>, boolean][])('%j with %j → %s', (condition, traits, expected) => {
    expect(holds(trait(condition), withTraits(traits))).toBe(expected);
  });

  describe('withinLast and withinNext read a date trait against now, both ends included', () => {
    const lastWeek = trait({ trait: 'trialStartedAt', operator: 'withinLast', duration: { amount: 7, unit: 'days' } });
    const nextWeek = trait({ trait: 'trialEndsAt', operator: 'withinNext', duration: { amount: 7, unit: 'days' } });
    const at = (time: number) => new Date(time).toISOString();

    test.each([
      [NOW - 7 * DAY, true],
      [NOW - 7 * DAY - 1000, false],
      [NOW, true],
      [NOW + 1000, false],
    ])('withinLast 7 days of %d', (time, expected) => {
      expect(holds(lastWeek, withTraits({ trialStartedAt: at(time) }))).toBe(expected);
    });

    test.each([
      [NOW + 7 * DAY, true],
      [NOW + 7 * DAY + 1000, false],
      [NOW, true],
      [NOW - 1000, false],
    ])('withinNext 7 days of %d', (time, expected) => {
      expect(holds(nextWeek, withTraits({ trialEndsAt: at(time) }))).toBe(expected);
    });

    test('the next change is where the date enters or leaves the range', () => {
      const facts = (time: number) => withTraits({ trialStartedAt: at(time), trialEndsAt: at(time) });
      expect(nextChangeAt(ruleOf(lastWeek), facts(NOW + DAY), NOW)).toBe(NOW + DAY);
      expect(nextChangeAt(ruleOf(lastWeek), facts(NOW - DAY), NOW)).toBe(NOW + 6 * DAY + 1);
      expect(nextChangeAt(ruleOf(lastWeek), facts(NOW - 8 * DAY), NOW)).toBeNull();
      expect(nextChangeAt(ruleOf(nextWeek), facts(NOW + 10 * DAY), NOW)).toBe(NOW + 3 * DAY);
      expect(nextChangeAt(ruleOf(nextWeek), facts(NOW + DAY), NOW)).toBe(NOW + DAY + 1);
      expect(nextChangeAt(ruleOf(nextWeek), facts(NOW - DAY), NOW)).toBeNull();
    });
  });

  describe('ageBetween counts full years on UTC calendar dates', () => {
    const adults = trait({ trait: 'birthdate', operator: 'ageBetween', min: 18, max: 24 });
    test.each([
      ['2007-06-15', true],
      ['2007-06-16', false],
      ['2000-06-16', true],
      ['2000-06-15', false],
      ['2000-06-15T23:00:00-02:00', true],
      ['not a date', false],
    ])('born %s', (birthdate, expected) => {
      expect(holds(adults, withTraits({ birthdate }))).toBe(expected);
    });

    test('the next change is the birthday that enters or leaves the range', () => {
      const next = (birthdate: string) => nextChangeAt(ruleOf(adults), withTraits({ birthdate }), NOW);
      expect(next('2010-02-01')).toBe(Date.parse('2028-02-01T00:00:00Z'));
      expect(next('2005-03-10')).toBe(Date.parse('2030-03-10T00:00:00Z'));
      expect(next('1990-01-01')).toBeNull();
      expect(next('2008-02-29')).toBe(Date.parse('2026-03-01T00:00:00Z'));
    });
  });

  test('other operators never change with the clock', () => {
    expect(nextChangeAt(ruleOf(trait({ trait: 'signedUpAt', operator: 'before', value: '2030-01-01' })), withTraits({ signedUpAt: '2025-01-01' }), NOW)).toBeNull();
  });

  test('the explanation shows the value and what was needed', () => {
    expect(explainRule(ruleOf(trait({ trait: 'country', operator: 'in', values: ['GB'] })), withTraits({ country: 'FR' }), NOW)).toEqual({
      path: 'condition',
      type: 'trait',
      held: false,
      detail: 'country is "FR"; needs one of ["GB"]',
    });
    expect(explainRule(ruleOf(trait({ trait: 'birthdate', operator: 'ageBetween', min: 18, max: 24 })), withTraits({ birthdate: '2000-01-01' }), NOW).detail).toBe(
      'birthdate is "2000-01-01" (age 25); needs age between 18 and 24',
    );
    expect(explainRule(ruleOf(trait({ trait: 'phone', operator: 'exists' })), withTraits({}), NOW).detail).toBe('phone is not set; needs set');
  });
});
