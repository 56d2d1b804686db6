import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { JourneyActivities } from '../../activities/journeys';
import type { UpdateProfileSettings } from '../../domain/journeys';
import type { Condition } from '../../domain/segments';

// The same activity options as the journey interpreter's (workflows/journey/context.ts).
const activities = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: ['UndeliverableMessageError'] },
});

export interface BaselineJourneyInput {
  learnerId: string;
  /** Names the sends and profile changes (as a journey id would). */
  label: string;
  first: UpdateProfileSettings;
  condition: Condition;
  templateId: string;
  last: UpdateProfileSettings;
  triggerMessageId?: string;
}

/**
 * bench:journeys' baseline: the work of the benchmark's 5-step journey written by hand — update the
 * profile, check a condition, send a message, update the profile again — calling the same activities
 * the interpreter calls for those steps, with nothing else (no version to load, no step records, no
 * search attributes, no pause check).
 */
export async function baselineJourneyWorkflow(input: BaselineJourneyInput): Promise<'sent' | 'skipped'> {
  const { learnerId } = input;
  const run = workflowInfo().workflowId;
  await activities.updateLearnerProfile({ learnerId, changeId: `${run}/first`, settings: input.first });
  const [matches] = await activities.learnerMatches({ learnerId, conditions: [input.condition], at: new Date().getTime() });
  if (matches) {
    await activities.sendJourneyMessage({
      idempotencyKey: `${input.label}/${learnerId}/${run}/mail`,
      learnerId,
      templateId: input.templateId,
      channel: 'email',
      kind: 'marketing',
      journeyId: input.label,
      triggerMessageId: input.triggerMessageId,
    });
  }
  await activities.updateLearnerProfile({ learnerId, changeId: `${run}/last`, settings: input.last });
  return matches ? 'sent' : 'skipped';
}
