import { defineSignal, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { SegmentActivities } from '../activities/segments';

const { reevaluateDueLearners } = proxyActivities<SegmentActivities>({
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Learner ids to re-evaluate when this clock wakes. */
export const learnersDueSignal = defineSignal<[string[]]>('learnersDue');

export interface SegmentClockInput {
  /** Epoch ms at which the learners are due. */
  wakeAt: number;
}

const BATCH = 200;

/**
 * A durable alarm for learners whose segment memberships could change at `wakeAt` with no new data
 * (segments/clock.ts schedules it). It holds learner ids only, sleeps on a Temporal timer, then has
 * an activity re-evaluate them; learners signalled while it runs are handled before it ends.
 */
export async function segmentClockWorkflow(input: SegmentClockInput): Promise<{ learners: number }> {
  const pending = new Set<string>();
  setHandler(learnersDueSignal, (learnerIds) => learnerIds.forEach((id) => pending.add(id)));
  const delay = input.wakeAt - workflowInfo().runStartTime.getTime();
  if (delay > 0) await sleep(delay);
  let learners = 0;
  while (pending.size > 0) {
    const batch = [...pending].slice(0, BATCH);
    batch.forEach((id) => pending.delete(id));
    await reevaluateDueLearners({ learnerIds: batch, wakeAt: input.wakeAt });
    learners += batch.length;
  }
  return { learners };
}
