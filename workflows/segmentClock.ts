import { condition, continueAsNew, defineSignal, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
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
  /** Learners carried over from a run that continued as new. */
  learnerIds?: string[];
}

const BATCH = 200;
/** Temporal caps the signals one run may receive; a busy clock hands its learners to a fresh run well before. */
const SIGNALS_PER_RUN = 5_000;

/**
 * A durable alarm for learners whose segment memberships could change at `wakeAt` with no new data
 * (segments/clock.ts schedules it). It holds learner ids only, sleeps on a Temporal timer, then has
 * an activity re-evaluate them; learners signalled while it runs are handled before it ends.
 */
export async function segmentClockWorkflow(input: SegmentClockInput): Promise<{ learners: number }> {
  const pending = new Set<string>(input.learnerIds);
  let signals = 0;
  setHandler(learnersDueSignal, (learnerIds) => {
    signals += 1;
    learnerIds.forEach((id) => pending.add(id));
  });
  const delay = input.wakeAt - workflowInfo().runStartTime.getTime();
  if (delay > 0 && (await condition(() => signals >= SIGNALS_PER_RUN, delay))) {
    await continueAsNew<typeof segmentClockWorkflow>({ wakeAt: input.wakeAt, learnerIds: [...pending] });
  }
  let learners = 0;
  while (pending.size > 0) {
    const batch = [...pending].slice(0, BATCH);
    batch.forEach((id) => pending.delete(id));
    await reevaluateDueLearners({ learnerIds: batch, wakeAt: input.wakeAt });
    learners += batch.length;
  }
  return { learners };
}
