import { holds, learner, NOW, ruleOf } from '../../../test/segments/learners';
import { explainRule } from '../evaluate';
import { nextChangeAt } from '../nextChange';

describe('segment conditions', () => {
  const member = learner({ memberships: ['students'] });

  test('in and notIn read current memberships', () => {
    expect(holds({ type: 'segment', segmentId: 'students', operator: 'in' }, member)).toBe(true);
    expect(holds({ type: 'segment', segmentId: 'students', operator: 'notIn' }, member)).toBe(false);
    expect(holds({ type: 'segment', segmentId: 'leads', operator: 'notIn' }, member)).toBe(true);
  });

  test('have no time boundary and explain themselves', () => {
    const rule = ruleOf({ type: 'segment', segmentId: 'leads', operator: 'in' });
    expect(nextChangeAt(rule, member, NOW)).toBeNull();
    expect(explainRule(rule, member, NOW).detail).toBe('not in segment leads; needs in');
  });
});
