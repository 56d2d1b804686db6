import { ApplicationFailure } from '@temporalio/activity';
import type { ExecutableJourney, UpdateProfileSettings } from '../domain/journeys';
import { normaliseDate } from '../domain/normalise/date';
import { evaluateRule, type BehaviourSummary, type Condition } from '../domain/segments';
import type { Ingestion } from '../ingestion/pipeline';
import { type MessageSender, UndeliverableMessageError, type SendOutcome, type SendRequest } from '../messages/sendMessage';
import type { StoreModels } from '../store/connection';
import { duplicateIndexes } from '../store/errors';
import type { JourneyDocument } from '../store/models/journey';
import { journeyVersionId, type JourneyVersionDocument } from '../store/models/journeyVersion';
import { liveLearner } from '../store/liveLearner';

export interface JourneyDependencies {
  journeys: {
    models: StoreModels;
    ingestion: Ingestion;
    sender: MessageSender;
  };
}

export type JourneyStatus = JourneyDocument['status'];

/** A message not sent because its journey is not active. */
export interface HeldMessage {
  status: 'held';
  journeyStatus: JourneyStatus;
}

export interface JourneyStepRecord {
  journeyId: string;
  version: number;
  learnerId: string;
  runId: string;
  nodeId: string;
  visit: number;
  kind: 'entered' | 'left';
  output?: string;
}

/** Published versions kept in memory per process (the oldest read goes first). */
const VERSIONS_KEPT = 200;

/** Everything a journey run does to the world: reading its version and the learner, sending, updating, recording steps. */
export function createJourneyActivities(dependencies: JourneyDependencies) {
  const { models, ingestion, sender } = dependencies.journeys;

  const learner = (learnerId: string) => liveLearner(models, learnerId);
  const statusOf = async (journeyId: string): Promise<JourneyStatus> => {
    const doc = await models.journeys.findById(journeyId, { status: 1 }).lean<Pick<JourneyDocument, 'status'>>();
    return doc?.status ?? 'archived';
  };
  // Published versions never change: each run starts by reading its version, so this process keeps the latest few.
  const versions = new Map<string, ExecutableJourney>();

  /** Stored once each (`_id` = run, node, visit, kind), so a retried batch adds only what is missing. */
  const recordSteps = async (steps: readonly JourneyStepRecord[]) => {
    const at = new Date();
    try {
      await models.journeySteps.insertMany(
        steps.map((step) => ({ _id: `${step.runId}:${step.nodeId}:${step.visit}:${step.kind}`, journeyId: step.journeyId, version: step.version, learnerId: step.learnerId, nodeId: step.nodeId, kind: step.kind, output: step.output, at })),
        { ordered: false },
      );
    } catch (error) {
      if (duplicateIndexes(error).length === 0) throw error;
    }
  };

  return {
    async loadJourneyVersion(input: { journeyId: string; version: number }): Promise<ExecutableJourney> {
      const id = journeyVersionId(input.journeyId, input.version);
      const known = versions.get(id);
      if (known) return known;
      const doc = await models.journeyVersions.findById(id).lean<JourneyVersionDocument>();
      if (!doc) throw ApplicationFailure.nonRetryable(`journey ${input.journeyId} has no version ${input.version}`, 'MissingJourneyVersion');
      const executable = doc.executable as ExecutableJourney;
      if (versions.size >= VERSIONS_KEPT) versions.delete(versions.keys().next().value!);
      versions.set(id, executable);
      return executable;
    },

    journeyStatus: statusOf,

    async learnerTimezone(learnerId: string): Promise<string | null> {
      const timezone = ((await learner(learnerId))?.traits as Record<string, unknown> | undefined)?.timezone;
      return typeof timezone === 'string' ? timezone : null;
    },

    /** A date trait as runs keyed by it name it (ISO, UTC), or null when missing or not a date. */
    async learnerTraitDate(input: { learnerId: string; trait: string }): Promise<string | null> {
      return normaliseDate(((await learner(input.learnerId))?.traits as Record<string, unknown> | undefined)?.[input.trait]) ?? null;
    },

    /** Which of these rule conditions hold for the learner at the run's time `at` (a condition split's branches). */
    async learnerMatches(input: { learnerId: string; conditions: Condition[]; at: number }): Promise<boolean[]> {
      const doc = await learner(input.learnerId);
      const facts = { traits: (doc?.traits ?? {}) as Record<string, unknown>, behaviour: (doc?.behaviour ?? {}) as BehaviourSummary, memberships: new Set(doc?.segmentIds ?? []) };
      return input.conditions.map((condition) => evaluateRule({ version: 1, condition }, facts, input.at));
    },

    /**
     * Sends unless the journey is not active (paused: the run holds until resumed; archived: it goes
     * on without the message). Asked here rather than by a call of its own before each message.
     */
    async sendJourneyMessage(request: SendRequest & { journeyId: string }): Promise<SendOutcome | HeldMessage> {
      const status = await statusOf(request.journeyId);
      if (status !== 'active') return { status: 'held', journeyStatus: status };
      try {
        return await sender.send(request);
      } catch (error) {
        if (error instanceof UndeliverableMessageError) throw ApplicationFailure.nonRetryable(error.message, error.name);
        throw error;
      }
    },

    /** Sets and unsets traits and adds or removes tags (the `tags` trait); the change id makes it once-only. */
    async updateLearnerProfile(input: { learnerId: string; changeId: string; settings: UpdateProfileSettings }): Promise<void> {
      const doc = await learner(input.learnerId);
      if (!doc) return;
      const { set, unset, addTags, removeTags } = input.settings;
      const traits: Record<string, unknown> = { ...set, ...Object.fromEntries(unset.map((trait) => [trait, null])) };
      if (addTags.length + removeTags.length > 0) {
        const current = (doc.traits as Record<string, unknown>)?.tags;
        const tags = new Set(Array.isArray(current) ? current.filter((tag): tag is string => typeof tag === 'string') : []);
        addTags.forEach((tag) => tags.add(tag));
        removeTags.forEach((tag) => tags.delete(tag));
        traits.tags = [...tags];
      }
      await ingestion.updateLearnerTraits(doc._id, traits, { messageId: `profile:${input.changeId}`, source: 'journey' });
    },

    /** Runs recorded before step records were batched replay this one. */
    async recordJourneyStep(step: JourneyStepRecord): Promise<void> {
      await recordSteps([step]);
    },

    async recordJourneySteps(steps: JourneyStepRecord[]): Promise<void> {
      await recordSteps(steps);
    },
  };
}

export type JourneyActivities = ReturnType<typeof createJourneyActivities>;
