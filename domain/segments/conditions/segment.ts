import { z } from 'zod';

/**
 * Membership of another segment, as the engine last computed it. It has no time boundary of its
 * own: the engine evaluates segments in dependency order and re-evaluates dependants on change.
 */
export const segmentConditionSchema = z.object({
  type: z.literal('segment'),
  segmentId: z.string().min(1),
  operator: z.enum(['in', 'notIn']),
});
export type SegmentCondition = z.infer<typeof segmentConditionSchema>;

export function segmentHolds(condition: SegmentCondition, memberships: ReadonlySet<string>): boolean {
  return memberships.has(condition.segmentId) === (condition.operator === 'in');
}

export function describeSegment(condition: SegmentCondition, memberships: ReadonlySet<string>): string {
  const now = memberships.has(condition.segmentId) ? 'in' : 'not in';
  const needs = condition.operator === 'in' ? 'in' : 'not in';
  return `${now} segment ${condition.segmentId}; needs ${needs}`;
}
