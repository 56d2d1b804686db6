import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { dateTriggerMoment, journeyRunId, type EntryTrigger } from '../domain/journeys';
import { durationMs, matchesFilters, summaryProps } from '../domain/segments';
import type { ChangedEvent, LearnerChange, LearnerChangedHook } from '../ingestion/learnerChanged';
import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import { learnerEventSignal, type RoutedEvent } from '../workflows/journey/signals';
import { journeyWorkflowV2 } from '../workflows/journey/journeyWorkflow';
import type { ActiveJourneys, LiveJourney } from './activeJourneys';

const scalar = (value: unknown): value is string | number => (typeof value === 'string' && value !== '') || (typeof value === 'number' && Number.isFinite(value));

/** The entry key of a keyed event trigger (e.g. the courseId), or undefined for unkeyed journeys. */
function entryKey(trigger: EntryTrigger, event: ChangedEvent): string | null | undefined {
  if (trigger.kind !== 'event' || !trigger.key) return undefined;
  const value = event.properties[trigger.key];
  return scalar(value) ? String(value) : null;
}

function triggers(trigger: EntryTrigger, event: ChangedEvent): boolean {
  switch (trigger.kind) {
    case 'event':
      return event.name === trigger.event && matchesFilters(trigger.where, summaryProps(event.properties));
    case 'segmentEntered':
      return event.name === 'Segment Entered' && event.properties.segmentId === trigger.segmentId;
    case 'segmentExited':
      return event.name === 'Segment Exited' && event.properties.segmentId === trigger.segmentId;
    default:
      return false;
  }
}

/**
 * Connects learner events to journeys: starts runs when an event (or a segment transition) matches a
 * journey's trigger, and signals the runs of this learner that may be waiting for the event — and no
 * others. Entries are once-only: a resent event finds its entry recorded, and the run id is
 * deterministic, so Temporal refuses a second active run of the same learner (and key).
 */
export class JourneyRouter {
  constructor(
    private readonly options: {
      models: Pick<StoreModels, 'journeyEntries' | 'learners'>;
      journeys: ActiveJourneys;
      client: () => Client;
      taskQueue: string;
      now?: () => number;
    },
  ) {}

  listen(hook: LearnerChangedHook): () => void {
    return hook.subscribe((change) => this.onLearnerChanged(change));
  }

  async onLearnerChanged(change: LearnerChange): Promise<void> {
    const events = [...change.events, ...change.replayedEvents];
    for (const journey of await this.options.journeys.current()) {
      for (const event of events) {
        if (journey.listens.anyEvent || journey.listens.events.has(event.name)) await this.signalRuns(journey, change.learnerId, event);
        if (journey.status === 'active' && triggers(journey.executable.trigger, event)) await this.enter(journey, change.learnerId, { messageId: event.messageId, key: entryKey(journey.executable.trigger, event) });
      }
      const { trigger } = journey.executable;
      if (journey.status === 'active' && trigger.kind === 'dateTrait' && change.traits.includes(trigger.trait)) await this.scheduleDateEntry(journey, trigger, change.learnerId);
    }
  }

  /** "3 days before the cohort starts": a run whose start is delayed until then (Temporal holds it). */
  private async scheduleDateEntry(journey: LiveJourney, trigger: Extract<EntryTrigger, { kind: 'dateTrait' }>, learnerId: string): Promise<void> {
    const learner = await this.options.models.learners.findById(learnerId, { traits: 1 }).lean<{ traits?: Record<string, unknown> }>();
    const moment = dateTriggerMoment(trigger, learner?.traits?.[trigger.trait]);
    const now = (this.options.now ?? Date.now)();
    if (!moment || moment.at <= now) return;
    await this.enter(journey, learnerId, { messageId: `date:${journey.id}:${learnerId}:${moment.key}`, key: moment.key, startDelayMs: moment.at - now });
  }

  /** Starts a run unless the entry rules say no; returns its workflow id, or undefined when not entered. */
  async enter(journey: LiveJourney, learnerId: string, entry: { messageId: string; key?: string | null; startDelayMs?: number }): Promise<string | undefined> {
    const { key } = entry;
    if (key === null) return undefined;
    const workflowId = journeyRunId({ journeyId: journey.id, learnerId, key });
    const triggerEntry = `trigger:${journey.id}:${entry.messageId}`;
    const onceEntry = `once:${journey.id}:${learnerId}${key ? `:${key}` : ''}`;
    const { reentry } = journey.executable;
    if (await this.options.models.journeyEntries.exists({ _id: triggerEntry })) return undefined;
    if (reentry.mode === 'once' && (await this.options.models.journeyEntries.exists({ _id: onceEntry }))) return undefined;
    if (reentry.mode === 'afterCooldown' && (await this.coolingDown(workflowId, durationMs(reentry.cooldown)))) return undefined;
    try {
      await this.options.client().workflow.start(journeyWorkflowV2, {
        workflowId,
        taskQueue: this.options.taskQueue,
        args: [{ journeyId: journey.id, version: journey.version, learnerId, ...(key ? { key } : {}), triggerMessageId: entry.messageId }],
        ...(entry.startDelayMs ? { startDelay: entry.startDelayMs } : {}),
        workflowIdReusePolicy: reentry.mode === 'once' ? 'REJECT_DUPLICATE' : 'ALLOW_DUPLICATE',
        searchAttributes: {
          JourneyId: [journey.id],
          JourneyVersion: [journey.version],
          LearnerId: [learnerId],
          CurrentNode: [journey.executable.entryNodeId],
          ...(key ? { CourseId: [key] } : {}),
        },
        memo: { journeyName: journey.name },
      });
    } catch (error) {
      // A run of this learner (and key) is active, or — entered once ever — has run already.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      return undefined;
    }
    for (const id of [triggerEntry, ...(reentry.mode === 'once' ? [onceEntry] : [])]) {
      try {
        await this.options.models.journeyEntries.create({ _id: id, journeyId: journey.id, learnerId, workflowId, at: new Date() });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return workflowId;
  }

  private async coolingDown(workflowId: string, cooldownMs: number): Promise<boolean> {
    try {
      const description = await this.options.client().workflow.getHandle(workflowId).describe();
      const closed = description.closeTime?.getTime();
      return closed !== undefined && (this.options.now ?? Date.now)() - closed < cooldownMs;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  /** Signals this learner's runs of the journey: by id when the run is known from the event, else found by search attributes. */
  private async signalRuns(journey: LiveJourney, learnerId: string, event: ChangedEvent): Promise<void> {
    const props = summaryProps(event.properties) ?? {};
    const routed: RoutedEvent = {
      messageId: event.messageId,
      name: event.name,
      at: event.timestamp.getTime(),
      properties: Object.fromEntries(Object.entries(props).filter(([name]) => journey.filteredProperties.has(name))),
    };
    const key = entryKey(journey.executable.trigger, event);
    const workflowIds =
      key === undefined || key !== null
        ? [journeyRunId({ journeyId: journey.id, learnerId, key: key ?? undefined })]
        : await this.runningRuns(journey.id, learnerId);
    for (const workflowId of workflowIds) {
      try {
        await this.options.client().workflow.getHandle(workflowId).signal(learnerEventSignal, routed);
      } catch (error) {
        // No run (any more) for this learner: nothing is waiting for the event.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
  }

  private async runningRuns(journeyId: string, learnerId: string): Promise<string[]> {
    const ids: string[] = [];
    const query = `JourneyId = '${journeyId}' AND LearnerId = '${learnerId.replace(/'/g, '')}' AND ExecutionStatus = 'Running'`;
    for await (const run of this.options.client().workflow.list({ query })) ids.push(run.workflowId);
    return ids;
  }
}
