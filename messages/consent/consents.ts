import { randomUUID } from 'node:crypto';
import type { ConsentStatus, LearnerConsentView, TopicConsentView } from '../../domain/messages/consent';
import type { Ingestion } from '../../ingestion/pipeline';
import type { StoreModels } from '../../store/connection';
import type { ConsentDocument } from '../../store/models/consent';
import type { LearnerDocument } from '../../store/models/learner';
import { ALL_MARKETING, auditConsentChange, type ConsentActor } from './audit';
import { Topics, type Topic } from './topics';
import { liveLearner } from '../../store/liveLearner';

export type ConsentModels = Pick<StoreModels, 'learners' | 'consents' | 'topics' | 'auditLog'>;

export interface ChangeOptions {
  actor: ConsentActor;
  source: string;
}

export interface ConsentChangeResult {
  from: ConsentStatus;
  to: ConsentStatus;
  /** False when the record already said `to` (nothing written, nothing audited). */
  changed: boolean;
}

/** Consent records are keyed `<learnerId>:<topic>`, so every read is an `_id` lookup (the only indexed filter on FerretDB). */
export const consentId = (learnerId: string, topic: string) => `${learnerId}:${topic}`;

/** With no record: subscribed, unless the topic wants a confirmed (double) opt-in. */
export const defaultStatus = (topic: Pick<Topic, 'doubleOptIn'>): ConsentStatus => (topic.doubleOptIn ? 'opted_out' : 'opted_in');

/**
 * The global marketing opt-out is the `unsubscribed` trait, which Segment-spec clients, platform
 * webhooks and CSV imports already set; our pages write the same trait, so there is one truth.
 */
export const isUnsubscribedFromAll = (traits: Record<string, unknown> | undefined) => traits?.unsubscribed === true || traits?.unsubscribed === 'true';

/** Reading and changing learners' consent; every change is audited. */
export class Consents {
  readonly topics: Topics;

  constructor(
    private readonly models: ConsentModels,
    private readonly ingestion: Pick<Ingestion, 'updateLearnerTraits' | 'recordLearnerEvents'>,
  ) {
    this.topics = new Topics(models);
  }

  liveLearner(learnerId: string) {
    return liveLearner(this.models, learnerId);
  }

  async view(learner: LearnerDocument): Promise<LearnerConsentView> {
    const unsubscribedFromAll = isUnsubscribedFromAll(learner.traits as Record<string, unknown>);
    const topics = await this.topics.list();
    const records = await Promise.all(topics.map((topic) => this.record(learner._id, topic.id)));
    return {
      learnerId: learner._id,
      unsubscribedFromAll,
      topics: topics.map((topic, index): TopicConsentView => {
        const record = records[index];
        const status = (record?.status as ConsentStatus | undefined) ?? defaultStatus(topic);
        return {
          topic: topic.id,
          name: topic.name,
          doubleOptIn: topic.doubleOptIn,
          status,
          recorded: record !== null && record !== undefined,
          ...(record ? { source: record.source, at: record.at.toISOString() } : {}),
          receives: status === 'opted_in' && !unsubscribedFromAll,
        };
      }),
    };
  }

  async status(learnerId: string, topic: Topic): Promise<ConsentStatus> {
    const record = await this.record(learnerId, topic.id);
    return (record?.status as ConsentStatus | undefined) ?? defaultStatus(topic);
  }

  /** Sets one topic's status; `from` is the status in force before (the topic's default when there was no record). */
  async set(learnerId: string, topic: Topic, to: ConsentStatus, options: ChangeOptions): Promise<ConsentChangeResult> {
    const record = await this.record(learnerId, topic.id);
    const from = (record?.status as ConsentStatus | undefined) ?? defaultStatus(topic);
    // A repeat of the recorded state changes nothing; an explicit choice equal to the default is
    // still recorded (and audited): it is now a consent with a source and a time.
    if (record?.status === to) return { from, to, changed: false };
    const at = new Date();
    await this.models.consents.updateOne(
      { _id: consentId(learnerId, topic.id) },
      { $set: { learnerId, topic: topic.id, status: to, source: options.source, at } },
      { upsert: true },
    );
    await auditConsentChange(this.models, { learnerId, actor: options.actor, topic: topic.id, from, to, source: options.source, at });
    return { from, to, changed: true };
  }

  /**
   * The global marketing opt-out. Unsubscribing also records an `Unsubscribed` event, which ends the
   * runs of journeys that exit on unsubscribe; resubscribing records none.
   */
  async setUnsubscribedFromAll(learner: LearnerDocument, unsubscribed: boolean, options: ChangeOptions): Promise<boolean> {
    const before = isUnsubscribedFromAll(learner.traits as Record<string, unknown>);
    if (before === unsubscribed) return false;
    const at = new Date();
    await this.ingestion.updateLearnerTraits(learner._id, { unsubscribed }, { messageId: `consent:${learner._id}:${randomUUID()}`, source: 'api' });
    await auditConsentChange(this.models, {
      learnerId: learner._id,
      actor: options.actor,
      topic: ALL_MARKETING,
      from: before ? 'opted_out' : 'opted_in',
      to: unsubscribed ? 'opted_out' : 'opted_in',
      source: options.source,
      at,
    });
    if (unsubscribed) {
      await this.ingestion.recordLearnerEvents(
        learner._id,
        [{ messageId: `unsubscribed:${learner._id}:${randomUUID()}`, name: 'Unsubscribed', timestamp: at, properties: { list: 'marketing', source: options.source } }],
        'api',
      );
    }
    return true;
  }

  private record(learnerId: string, topic: string) {
    return this.models.consents.findById(consentId(learnerId, topic)).lean<ConsentDocument>();
  }
}
