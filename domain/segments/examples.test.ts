import { DAY, HOUR, learner, NOW, type EventSketch } from '../../test/segments/learners';
import { compileRule } from './compile';
import { evaluateRule } from './evaluate';
import { exampleSegments } from './examples';
import { type LearnerFacts } from './facts';
import { nextChangeAt } from './nextChange';
import { segmentRuleSchema } from './rules';

const example = (id: string) => {
  const segment = exampleSegments.find((candidate) => candidate.id === id);
  if (!segment) throw new Error(`no example ${id}`);
  return segment.rule;
};
const ago = (name: string, age: number, properties?: Record<string, unknown>): EventSketch => ({ name, at: NOW - age, ...(properties ? { properties } : {}) });
const isIn = (id: string, facts: LearnerFacts, now = NOW) => {
  const rule = example(id);
  const interpreted = evaluateRule(rule, facts, now);
  expect(compileRule(rule)(facts, now)).toBe(interpreted);
  return interpreted;
};
const history = (...events: EventSketch[]) => learner({ events });

describe('example segments', () => {
  test('are valid rules with distinct ids', () => {
    for (const segment of exampleSegments) expect(segmentRuleSchema.parse(segment.rule)).toEqual(segment.rule);
    expect(exampleSegments.map((segment) => segment.id)).toEqual(['highly-engaged-prospects', 'at-risk-students', 'new-leads']);
  });

  describe('highly engaged prospects', () => {
    const engaged = [ago('Course Page Viewed', DAY), ago('Course Page Viewed', 2 * DAY), ago('Course Page Viewed', 6 * DAY), ago('Email Opened', HOUR, { messageId: 'a' }), ago('Email Opened', 3 * DAY, { messageId: 'b' })];

    test('3 page views and 2 email opens this week, not enrolled → in', () => {
      expect(isIn('highly-engaged-prospects', history(...engaged))).toBe(true);
    });

    test('only 2 page views this week → out', () => {
      expect(isIn('highly-engaged-prospects', history(...engaged.slice(1), ago('Course Page Viewed', 8 * DAY)))).toBe(false);
    });

    test('one email open → out', () => {
      expect(isIn('highly-engaged-prospects', history(...engaged.slice(0, 4)))).toBe(false);
    });

    test('enrolled, even long ago → out', () => {
      expect(isIn('highly-engaged-prospects', history(...engaged, ago('Enrolled', 400 * DAY)))).toBe(false);
    });

    test('leaves when the oldest of the 3 page views turns 7 days old', () => {
      const facts = history(...engaged);
      const leaves = NOW - 6 * DAY + 7 * DAY + 1;
      expect(nextChangeAt(example('highly-engaged-prospects'), facts, NOW)).toBe(leaves);
      expect(isIn('highly-engaged-prospects', facts, leaves - 1)).toBe(true);
      expect(isIn('highly-engaged-prospects', facts, leaves)).toBe(false);
    });
  });

  describe('at-risk students', () => {
    test('enrolled 8 days ago and never logged in → in', () => {
      expect(isIn('at-risk-students', history(ago('Enrolled', 8 * DAY)))).toBe(true);
    });

    test('logged in 3 days ago → out', () => {
      expect(isIn('at-risk-students', history(ago('Enrolled', 30 * DAY), ago('Logged In', 3 * DAY)))).toBe(false);
    });

    test('last logged in 10 days ago → in', () => {
      expect(isIn('at-risk-students', history(ago('Enrolled', 30 * DAY), ago('Logged In', 10 * DAY)))).toBe(true);
    });

    test('enrolled 2 days ago → out', () => {
      expect(isIn('at-risk-students', history(ago('Enrolled', 2 * DAY)))).toBe(false);
    });

    test('never enrolled → out', () => {
      expect(isIn('at-risk-students', history(ago('Logged In', 30 * DAY)))).toBe(false);
    });

    test('enrolled 2 days ago → enters exactly when day 7 passes', () => {
      const facts = history(ago('Enrolled', 2 * DAY));
      const enters = NOW + 5 * DAY + 1;
      expect(nextChangeAt(example('at-risk-students'), facts, NOW)).toBe(enters);
      expect(isIn('at-risk-students', facts, enters - 1)).toBe(false);
      expect(isIn('at-risk-students', facts, enters)).toBe(true);
      expect(nextChangeAt(example('at-risk-students'), facts, enters)).toBeNull();
    });

    test('the latest of enrolment and login starts the 7 days', () => {
      const facts = history(ago('Enrolled', 6 * DAY), ago('Logged In', 4 * DAY));
      expect(nextChangeAt(example('at-risk-students'), facts, NOW)).toBe(NOW + DAY + 1);
      expect(isIn('at-risk-students', facts, NOW + DAY + 1)).toBe(false);
      expect(nextChangeAt(example('at-risk-students'), facts, NOW + DAY + 1)).toBe(NOW + 3 * DAY + 1);
      expect(isIn('at-risk-students', facts, NOW + 3 * DAY + 1)).toBe(true);
    });
  });

  describe('new leads', () => {
    test('downloaded a lead magnet 10 days ago, never enrolled → in', () => {
      expect(isIn('new-leads', history(ago('Lead Magnet Downloaded', 10 * DAY)))).toBe(true);
    });

    test('downloaded 31 days ago → out', () => {
      expect(isIn('new-leads', history(ago('Lead Magnet Downloaded', 31 * DAY)))).toBe(false);
    });

    test('enrolled → out', () => {
      expect(isIn('new-leads', history(ago('Lead Magnet Downloaded', DAY), ago('Enrolled', HOUR)))).toBe(false);
    });

    test('leaves 30 days after the last download', () => {
      const facts = history(ago('Lead Magnet Downloaded', 20 * DAY), ago('Lead Magnet Downloaded', 10 * DAY));
      expect(nextChangeAt(example('new-leads'), facts, NOW)).toBe(NOW + 20 * DAY + 1);
    });
  });
});
