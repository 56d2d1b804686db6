import { proxyActivities } from '@temporalio/workflow';
import type { SegmentActivities } from '../activities/segments';

const { evaluateSegmentForAllLearners } = proxyActivities<SegmentActivities>({
  startToCloseTimeout: '6 hours',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 20 },
});

export interface SegmentEvaluationInput {
  segmentId: string;
  version: number;
}

/**
 * Brings every learner's membership of a created or changed segment up to date, in the background and
 * durably: the pass is one heartbeating activity, retried from the start (it is idempotent) if its
 * worker dies. Its id names the segment and definition version, so each version is evaluated once.
 */
export async function segmentEvaluationWorkflow(input: SegmentEvaluationInput): Promise<{ processed: number; entered: number; exited: number }> {
  return evaluateSegmentForAllLearners(input);
}
