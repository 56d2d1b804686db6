import { proxyActivities, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { JourneyActivities, JourneyStepRecord } from '../../activities/journeys';
import type { UpdateProfileSettings } from '../../domain/journeys';
import type { Condition } from '../../domain/segments';

// The same activity options as the journey interpreter's (workflows/journey/context.ts).
const activities = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: ['UndeliverableMessageError'] },
});
const localActivities = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
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
  /**
   * Only to attribute the interpreter's cost: also do the interpreter's bookkeeping for this journey
   * version — `reads` loads the version (a local activity), `stepRecords` records entering and leaving
   * each of the 6 nodes (12 records filed under `label`, stored by one local activity at the end),
   * `currentNode` upserts the CurrentNode search attribute at each node after the entry but the exit,
   * and at the end (5 upserts; the run is then also started with the journey's search attributes and memo).
   */
  bookkeeping?: { journeyId: string; version: number; reads: boolean; stepRecords: boolean; currentNode?: boolean };
}

/**
 * bench:journeys' baseline: the work of the benchmark's 5-step journey written by hand — update the
 * profile, check a condition, send a message, update the profile again — calling the same activities
 * the interpreter calls for those steps, with nothing else (no version to load, no step records, no
 * search attributes, no pause check) unless `bookkeeping` asks for some of it.
 */
export async function baselineJourneyWorkflow(input: BaselineJourneyInput): Promise<'sent' | 'skipped'> {
  const { learnerId, bookkeeping } = input;
  const run = workflowInfo().workflowId;
  const steps: JourneyStepRecord[] = [];
  const record = async (nodeId: string, work: () => Promise<string>): Promise<string> => {
    if (bookkeeping?.currentNode && nodeId !== 'start' && nodeId !== 'done') upsertSearchAttributes({ CurrentNode: [nodeId] });
    if (!bookkeeping?.stepRecords) return work();
    const step: Omit<JourneyStepRecord, 'kind'> = { journeyId: input.label, version: bookkeeping.version, learnerId, runId: run, nodeId, visit: 1 };
    steps.push({ ...step, kind: 'entered' });
    const output = await work();
    steps.push({ ...step, kind: 'left', output });
    return output;
  };
  if (bookkeeping?.reads) await localActivities.loadJourneyVersion({ journeyId: bookkeeping.journeyId, version: bookkeeping.version });
  await record('start', async () => 'next');
  await record('tag', async () => {
    await activities.updateLearnerProfile({ learnerId, changeId: `${run}/first`, settings: input.first });
    return 'next';
  });
  const matches = await record('check', async () => ((await activities.learnerMatches({ learnerId, conditions: [input.condition], at: new Date().getTime() }))[0] ? 'yes' : 'no'));
  if (matches === 'yes') {
    await record('mail', async () => {
      await activities.sendJourneyMessage({
        idempotencyKey: `${input.label}/${learnerId}/${run}/mail`,
        learnerId,
        templateId: input.templateId,
        channel: 'email',
        kind: 'marketing',
        journeyId: input.label,
        triggerMessageId: input.triggerMessageId,
      });
      return 'next';
    });
  }
  await record('finish', async () => {
    await activities.updateLearnerProfile({ learnerId, changeId: `${run}/last`, settings: input.last });
    return 'next';
  });
  await record('done', async () => 'end');
  if (steps.length > 0) await localActivities.recordJourneySteps(steps);
  if (bookkeeping?.currentNode) upsertSearchAttributes({ CurrentNode: ['completed'] });
  return matches === 'yes' ? 'sent' : 'skipped';
}
