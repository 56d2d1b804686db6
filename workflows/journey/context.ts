import { condition, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ExecutableJourney } from '../../domain/journeys';
import type { JourneyActivities } from '../../activities/journeys';
import type { RoutedEvent } from './signals';

export const activities = proxyActivities<JourneyActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', nonRetryableErrorTypes: ['UndeliverableMessageError'] },
});

/** Bookkeeping that must not slow the run down: recorded by local activities. */
export const localActivities = proxyLocalActivities<JourneyActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export interface JourneyRunInput {
  journeyId: string;
  version: number;
  learnerId: string;
  /** The entry key (e.g. a courseId) for journeys with one run per learner and key. */
  key?: string;
  /** The event that started the run (its properties personalise messages). */
  triggerMessageId?: string;
  /** Carried over by continue-as-new. */
  resume?: { nodeId: string; visits: Record<string, number>; firstRunId: string; /** Continued from inside the step (already entered). */ inStep?: boolean };
}

/** What a step sees of its run. */
export interface RunContext {
  input: JourneyRunInput;
  journey: ExecutableJourney;
  /** Identifies this run across continue-as-new (part of idempotency keys). */
  firstRunId: string;
  /** How many times the current node has been entered in this run, this time included. */
  visit: number;
  /** Events received so far, in arrival order. */
  inbox: readonly RoutedEvent[];
  /** Whether a goal or an exit condition has ended the run. */
  ended(): boolean;
  /** How many times the journey has been resumed while this run lived. */
  resumes(): number;
  /** In a step that may wait long while signals pile up: starts a fresh history at this step if this one is long. */
  continueHereIfLong(): Promise<void>;
  /** Stores the step records not stored yet (before the run may stay somewhere, so counts see it waiting). */
  flushSteps(): Promise<void>;
  /** What the run does besides its steps, by when it started (see journeyWorkflow.ts). */
  generation: Generation;
}

export type Generation = 'original' | 'batched' | 'lean';

/** Reads of the journey's own state: local activities since step records were batched; older runs replay the calls they made. */
export const journeyReads = (context: Pick<RunContext, 'generation'>) => (context.generation === 'original' ? activities : localActivities);

/** Waits until `ready` or the run ends, at most `timeoutMs`; true if it did not time out. */
export async function waitFor(context: RunContext, ready: () => boolean, timeoutMs?: number): Promise<boolean> {
  await context.flushSteps();
  const until = () => context.ended() || ready();
  return timeoutMs === undefined ? condition(until).then(() => true) : condition(until, timeoutMs);
}
