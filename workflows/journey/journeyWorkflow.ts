import { continueAsNew, patched, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { JourneyStepRecord } from '../../activities/journeys';
import type { ExecutableJourney, ExecutableNode } from '../../domain/journeys';
import { matchesFilters } from '../../domain/segments/propertyMatch';
import { activities, journeyReads, localActivities, type Generation, type JourneyRunInput, type RunContext } from './context';
import { journeyResumedSignal, learnerEventSignal, pathQuery, type PathStep, type RoutedEvent } from './signals';
import { conditionStep } from './steps/condition';
import { delayStep } from './steps/delay';
import { inactivityStep } from './steps/inactivity';
import { sendMessageStep } from './steps/sendMessage';
import { splitStep } from './steps/split';
import { updateProfileStep } from './steps/updateProfile';
import { waitForEventStep } from './steps/waitForEvent';
import { workflowNow } from './time';

export type { JourneyRunInput } from './context';

export type JourneyOutcome = 'completed' | 'converted' | 'exited';

export interface JourneyRunResult {
  outcome: JourneyOutcome;
  /** Why the run ended early: the goal reached or the exit condition met. */
  reason?: string;
  path: PathStep[];
}

const PATH_KEPT = 200;
const INBOX_KEPT = 500;
/** Well below Temporal's limits: a long journey starts a fresh history at a step boundary. */
const HISTORY_EVENTS_BEFORE_CONTINUING = 5_000;

/** What ends a run wherever it is: a goal (converted) or an exit condition (exited). */
function endingOf(journey: ExecutableJourney, event: RoutedEvent): { outcome: JourneyOutcome; reason: string } | undefined {
  for (const goal of journey.goals) {
    if (goal.kind === 'event' && event.name === goal.event && matchesFilters(goal.where, event.properties)) return { outcome: 'converted', reason: `goal ${goal.id}: ${goal.event}` };
    if (goal.kind === 'segmentEntered' && event.name === 'Segment Entered' && event.properties.segmentId === goal.segmentId) return { outcome: 'converted', reason: `goal ${goal.id}: entered ${goal.segmentId}` };
  }
  if (journey.exitWhen.unsubscribed && event.name === 'Unsubscribed') return { outcome: 'exited', reason: 'unsubscribed' };
  if (journey.exitWhen.leftEntrySegment && journey.trigger.kind === 'segmentEntered' && event.name === 'Segment Exited' && event.properties.segmentId === journey.trigger.segmentId) {
    return { outcome: 'exited', reason: `left ${journey.trigger.segmentId}` };
  }
  return undefined;
}

async function runStep(node: ExecutableNode, nodeId: string, context: RunContext): Promise<string | undefined> {
  switch (node.type) {
    case 'entry':
      return 'next';
    case 'delay':
      return delayStep(node.settings, context);
    case 'waitForEvent':
      return waitForEventStep(node.settings, context);
    case 'inactivity':
      return inactivityStep(node.settings, context);
    case 'condition':
      return conditionStep(node.settings, context);
    case 'split':
      return splitStep(node.settings, nodeId, context);
    case 'sendMessage':
      return sendMessageStep(node.settings, nodeId, context);
    case 'updateProfile':
      return updateProfileStep(node.settings, nodeId, context);
    case 'exit':
      return undefined;
  }
}

/**
 * One learner's run through one journey version: interprets the executable version step by step.
 * Waits are durable timers; learner events arrive as signals (routed from ingestion) and can end the
 * run anywhere (goals, exit conditions); every side effect is an activity. The input and history hold
 * ids only. Operators find runs by the search attributes set at start and CurrentNode, kept current.
 *
 * Runs start as this type; `journeyWorkflow` is the earlier type, kept so that runs started before
 * can finish (see `Generation`).
 */
export async function journeyWorkflowV2(input: JourneyRunInput): Promise<JourneyRunResult> {
  return interpret(input, 'lean');
}

/** Runs started before `journeyWorkflowV2` replay the calls they made (recorded in test/histories). */
export async function journeyWorkflow(input: JourneyRunInput): Promise<JourneyRunResult> {
  return interpret(input, patched('batched-step-records') ? 'batched' : 'original');
}

/**
 * What a run does besides its steps, by when it started:
 * - `original`: a step record per step (an activity each), the journey's version and status read by activities;
 * - `batched`: step records stored in batches (before the run may stay somewhere, and at the end) and
 *   the journey's own state read by local activities — a run through steps that do not wait costs a
 *   fraction of the round trips;
 * - `lean` (a workflow type of its own, so no patch marker per run): the send activity holds a message
 *   of a journey that is not active (no status read before each message), CurrentNode is left as the
 *   start set it at the entry and not set at an exit (the run's outcome is set there in the same task).
 */
async function interpret(input: JourneyRunInput, generation: Generation): Promise<JourneyRunResult> {
  const lean = generation === 'lean';
  const journey = await journeyReads({ generation }).loadJourneyVersion({ journeyId: input.journeyId, version: input.version });
  const firstRunId = input.resume?.firstRunId ?? workflowInfo().firstExecutionRunId;
  const visits: Record<string, number> = { ...input.resume?.visits };
  const path: PathStep[] = [];
  const inbox: RoutedEvent[] = [];
  const seen = new Set<string>();
  // Changed by signal handlers while steps wait.
  const run: { ending?: { outcome: JourneyOutcome; reason: string }; resumes: number } = { resumes: 0 };
  const ending = () => run.ending;

  setHandler(learnerEventSignal, (event) => {
    if (seen.has(event.messageId)) return;
    seen.add(event.messageId);
    inbox.push(event);
    if (inbox.length > INBOX_KEPT) inbox.splice(0, inbox.length - INBOX_KEPT);
    run.ending ??= endingOf(journey, event);
  });
  setHandler(journeyResumedSignal, () => void (run.resumes += 1));
  setHandler(pathQuery, () => path);

  // A date-triggered run was scheduled for the date the learner had then; if it has changed since, a
  // run for the new date was scheduled too, and this one has nothing to do.
  if (journey.trigger.kind === 'dateTrait' && input.key && !input.resume) {
    const current = await activities.learnerTraitDate({ learnerId: input.learnerId, trait: journey.trigger.trait });
    if (current !== input.key) return { outcome: 'exited', reason: `${journey.trigger.trait} changed`, path };
  }

  const unrecorded: JourneyStepRecord[] = [];
  const recordStep = async (step: JourneyStepRecord) => {
    if (generation !== 'original') unrecorded.push(step);
    else await localActivities.recordJourneyStep(step);
  };
  const flushSteps = async () => {
    if (unrecorded.length > 0) await localActivities.recordJourneySteps(unrecorded.splice(0));
  };

  const historyIsLong = () => workflowInfo().historyLength > HISTORY_EVENTS_BEFORE_CONTINUING || workflowInfo().continueAsNewSuggested;
  const continueAt = async (nodeId: string, inStep: boolean) => {
    await flushSteps();
    const resume = { ...input, resume: { nodeId, visits, firstRunId, inStep } };
    return lean ? continueAsNew<typeof journeyWorkflowV2>(resume) : continueAsNew<typeof journeyWorkflow>(resume);
  };

  let nodeId: string | undefined = input.resume?.nodeId ?? journey.entryNodeId;
  let resumedAt = input.resume?.inStep ? input.resume.nodeId : undefined;
  while (nodeId && !run.ending) {
    if (historyIsLong()) await continueAt(nodeId, false);
    const node: ExecutableNode = journey.nodes[nodeId]!;
    // A run continued as new picks up inside the step it was in: same visit, already recorded as entered.
    const continuing = resumedAt === nodeId;
    resumedAt = undefined;
    if (!continuing) visits[nodeId] = (visits[nodeId] ?? 0) + 1;
    const step: PathStep = { nodeId, type: node.type, label: node.label, enteredAt: workflowNow() };
    path.push(step);
    if (path.length > PATH_KEPT) path.shift();
    const setByTheStart = !input.resume && path.length === 1;
    if (!lean || (!setByTheStart && node.type !== 'exit')) upsertSearchAttributes({ CurrentNode: [nodeId] });
    if (!continuing) {
      await recordStep({ journeyId: input.journeyId, version: input.version, learnerId: input.learnerId, runId: firstRunId, nodeId, visit: visits[nodeId]!, kind: 'entered' });
    }

    const here = nodeId;
    const context: RunContext = {
      input,
      journey,
      firstRunId,
      visit: visits[nodeId]!,
      inbox,
      ended: () => run.ending !== undefined,
      resumes: () => run.resumes,
      continueHereIfLong: async () => {
        if (historyIsLong()) await continueAt(here, true);
      },
      flushSteps,
      generation,
    };
    const output = await runStep(node, nodeId, context);
    step.output = ending()?.outcome ?? output ?? 'end';
    await recordStep({ journeyId: input.journeyId, version: input.version, learnerId: input.learnerId, runId: firstRunId, nodeId, visit: visits[nodeId]!, kind: 'left', output: step.output });
    nodeId = ending() || output === undefined ? undefined : node.next[output];
  }
  await flushSteps();
  const result = ending();
  upsertSearchAttributes({ CurrentNode: [result?.outcome ?? 'completed'] });
  return { outcome: result?.outcome ?? 'completed', ...(result ? { reason: result.reason } : {}), path };
}
