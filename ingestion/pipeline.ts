import { randomUUID } from 'node:crypto';
import { fieldIssues, type FieldIssue } from '../domain/errors';
import { canonicalEvent, eventTime } from '../domain/ingestion/canonicalEvent';
import { identityId, identityKeys, previousIdKeys } from '../domain/ingestion/identityKeys';
import { MAX_MESSAGE_BYTES, segmentMessageSchema, type SegmentMessage } from '../domain/ingestion/segmentMessages';
import type { eventSources } from '../domain/learners';
import type { StoreModels } from '../store/connection';
import { findManyById, updateManyById } from '../store/byId';
import { duplicateIndexes, isDuplicateKeyError, isStoreUnavailableError } from '../store/errors';
import { IdentityResolver, type IdentityCache, type Merge } from './identities';
import { LearnerChangedHook, type ChangedEvent, type LearnerChange } from './learnerChanged';
import { Profiles, type ProfileUpdate, type TraitDeriver } from './profiles';
import { enrichTraits } from '../domain/enrichment';
import { normaliseTraits } from '../domain/normalise';

export type EventSource = (typeof eventSources)[number];

export interface RejectedMessage {
  index: number;
  code: 'validation_failed' | 'payload_too_large';
  message: string;
  issues: FieldIssue[];
}

export interface TraitProblem {
  index: number;
  trait: string;
  problem: string;
}

export interface IngestResult {
  /** Messages stored now. */
  accepted: number;
  /** Messages stored before (same messageId): nothing changed. */
  duplicates: number;
  rejected: RejectedMessage[];
  /** Trait values that were dropped or flagged while normalising (the message itself was stored). */
  warnings: TraitProblem[];
  /** The learner each accepted or duplicate message belongs to, by input index. */
  learnerIds: Record<number, string>;
}

export interface IngestOptions {
  source: EventSource;
  receivedAt?: Date;
  /** Batch-level fields that each message inherits (Segment's batch `context`, `integrations`, `sentAt`). */
  defaults?: { context?: Record<string, unknown>; integrations?: Record<string, unknown>; sentAt?: string };
}

/** Cleans identify traits before they are stored (domain/normalise by default). */
export type TraitPreparer = (traits: Record<string, unknown>) => { traits: Record<string, unknown>; problems: { trait: string; problem: string }[] };

interface Accepted {
  index: number;
  message: SegmentMessage;
  messageId: string;
  at: Date;
  learnerId?: string;
  /** Stored earlier but its profile effects may not have finished. */
  resume: boolean;
  /** Created with its traits in place by the bulk path: nothing left to apply. */
  createdTraits?: string[];
}

/** Message types whose never-seen learners may be created in bulk (no merges, no group effects). */
const bulkCreatable = new Set(['identify', 'track', 'page', 'screen']);

const profileUpdateOf = (item: Accepted): ProfileUpdate | undefined =>
  item.message.type === 'identify'
    ? { traits: item.message.traits ?? {}, at: item.at, userId: item.message.userId ?? undefined, anonymousId: item.message.anonymousId ?? undefined }
    : item.message.type === 'group'
      ? { traits: typeof item.message.traits?.name === 'string' ? { company: item.message.traits.name } : {}, at: item.at, userId: item.message.userId ?? undefined, anonymousId: item.message.anonymousId ?? undefined, groupId: item.message.groupId }
      : undefined;

const withDefaults = (input: unknown, defaults: IngestOptions['defaults']): unknown => {
  if (!defaults || typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const message = input as Record<string, unknown>;
  const context = typeof message.context === 'object' && message.context !== null ? (message.context as Record<string, unknown>) : {};
  return {
    ...(defaults.sentAt ? { sentAt: defaults.sentAt } : {}),
    ...message,
    ...(defaults.context || message.context ? { context: { ...defaults.context, ...context } } : {}),
    ...(defaults.integrations || message.integrations ? { integrations: { ...defaults.integrations, ...(message.integrations as object) } } : {}),
  };
};

const changedEvent = (item: Accepted): ChangedEvent => {
  const event = canonicalEvent(item.message);
  return { messageId: item.messageId, name: event.name, timestamp: item.at, properties: event.properties };
};

const hasProfileEffect = (message: SegmentMessage) => message.type === 'identify' || message.type === 'group' || message.type === 'alias';

/**
 * The single way learner data gets in. Validates Segment-spec messages one by one, stores each once
 * (its messageId is its key), resolves and merges identities, applies trait changes, and tells the
 * learner-changed hook — only after everything is stored.
 */
export class Ingestion {
  readonly hook: LearnerChangedHook;
  private readonly profiles: Profiles;
  private readonly identities: IdentityResolver;

  constructor(
    private readonly models: StoreModels,
    options: { hook?: LearnerChangedHook; prepareTraits?: TraitPreparer; deriveTraits?: TraitDeriver } = {},
  ) {
    this.hook = options.hook ?? new LearnerChangedHook();
    this.prepareTraits = options.prepareTraits ?? ((traits) => normaliseTraits(traits));
    this.profiles = new Profiles(models, { deriveTraits: options.deriveTraits ?? enrichTraits });
    this.identities = new IdentityResolver(models, this.profiles);
  }

  private readonly prepareTraits: TraitPreparer;

  async ingest(inputs: readonly unknown[], options: IngestOptions): Promise<IngestResult> {
    const receivedAt = options.receivedAt ?? new Date();
    const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], warnings: [], learnerIds: {} };
    const accepted = this.validate(inputs, options, receivedAt, result);

    const fresh = this.dropRepeats(accepted, result);
    const merges: Merge[] = [];
    await this.resolveLearners(fresh, receivedAt, merges);
    const replays: Accepted[] = [];
    const stored = await this.store(fresh, receivedAt, options.source, result, replays);
    const changedTraits = await this.applyProfiles(stored, merges);
    await this.markApplied(stored);

    for (const item of stored) result.learnerIds[item.index] = item.learnerId!;
    await this.notify(stored, changedTraits, merges, replays);
    return result;
  }

  /**
   * `ingest` for callers with no client to retry for them (imports, the demo seed). Ingesting is
   * idempotent, so after a transient store failure the same batch is simply sent again.
   */
  async ingestRetrying(inputs: readonly unknown[], options: IngestOptions, attempts = 6): Promise<IngestResult> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.ingest(inputs, options);
      } catch (error) {
        if (attempt >= attempts || !isStoreUnavailableError(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  }

  /**
   * Events the system itself records about a learner it knows by id (segment transitions, journey
   * steps): each stored once under its messageId, then announced through the hook like any other.
   */
  async recordLearnerEvents(learnerId: string, events: readonly ChangedEvent[], source: EventSource): Promise<void> {
    if (events.length === 0) return;
    const receivedAt = new Date();
    const existing = new Set<number>();
    try {
      await this.models.learnerEvents.insertMany(
        events.map((event) => ({ _id: event.messageId, learnerId, type: 'track', name: event.name, properties: event.properties, timestamp: event.timestamp, receivedAt, source, status: 'applied' })),
        { ordered: false },
      );
    } catch (error) {
      for (const index of duplicateIndexes(error)) existing.add(index);
    }
    await this.hook.emit({
      learnerId,
      events: events.filter((_, index) => !existing.has(index)),
      replayedEvents: events.filter((_, index) => existing.has(index)),
      traits: [],
      mergedLearnerIds: [],
    });
  }

  /**
   * Trait changes the system makes to a learner it knows by id (a journey's update-profile step),
   * recorded as an Identified event under `messageId` — the change history — and announced.
   */
  async updateLearnerTraits(learnerId: string, traits: Record<string, unknown>, options: { messageId: string; source: EventSource }): Promise<void> {
    const at = new Date();
    const outcome = await this.profiles.apply(learnerId, { traits, at });
    const event: ChangedEvent = { messageId: options.messageId, name: 'Identified', timestamp: at, properties: { traits } };
    let replayed = false;
    try {
      await this.models.learnerEvents.create({ _id: event.messageId, learnerId: outcome.learnerId, type: 'identify', name: event.name, properties: event.properties, timestamp: at, receivedAt: at, source: options.source, status: 'applied' });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      replayed = true;
    }
    await this.hook.emit({ learnerId: outcome.learnerId, events: replayed ? [] : [event], replayedEvents: replayed ? [event] : [], traits: outcome.changed, mergedLearnerIds: [] });
  }

  /** What `ingest` would reject, without storing anything. */
  async validateOnly(inputs: readonly unknown[], options: Pick<IngestOptions, 'defaults'> = {}): Promise<RejectedMessage[]> {
    const result: IngestResult = { accepted: 0, duplicates: 0, rejected: [], warnings: [], learnerIds: {} };
    this.validate(inputs, { source: 'api', ...options }, new Date(), result);
    return result.rejected;
  }

  private validate(inputs: readonly unknown[], options: IngestOptions, receivedAt: Date, result: IngestResult): Accepted[] {
    const accepted: Accepted[] = [];
    inputs.forEach((input, index) => {
      const size = Buffer.byteLength(JSON.stringify(input) ?? '');
      if (size > MAX_MESSAGE_BYTES) {
        result.rejected.push({ index, code: 'payload_too_large', message: `message is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`, issues: [] });
        return;
      }
      const parsed = segmentMessageSchema.safeParse(withDefaults(input, options.defaults));
      if (!parsed.success) {
        const issues = fieldIssues(parsed.error.issues);
        result.rejected.push({ index, code: 'validation_failed', message: issues.map((issue) => `${issue.path.join('.') || '(message)'}: ${issue.message}`).join('; '), issues });
        return;
      }
      const message = parsed.data;
      if (message.type === 'identify' && message.traits) {
        const prepared = this.prepareTraits(message.traits);
        message.traits = prepared.traits;
        for (const problem of prepared.problems) result.warnings.push({ index, ...problem });
      }
      accepted.push({ index, message, messageId: message.messageId ?? randomUUID(), at: eventTime(message, receivedAt), resume: false });
    });
    return accepted;
  }

  /** A message sent twice in one call is stored once. */
  private dropRepeats(accepted: Accepted[], result: IngestResult): Accepted[] {
    const seen = new Set<string>();
    return accepted.filter((item) => {
      if (!seen.has(item.messageId)) return seen.add(item.messageId);
      result.duplicates += 1;
      return false;
    });
  }

  private async resolveLearners(items: Accepted[], now: Date, merges: Merge[]): Promise<void> {
    const cache: IdentityCache = new Map();
    await this.identities.prefetch(
      items.flatMap((item) => [...identityKeys(item.message), ...(item.message.type === 'alias' ? previousIdKeys(item.message.previousId) : [])]),
      cache,
    );
    await this.createNewLearners(items, cache, now, merges);
    for (const item of items.filter((entry) => !entry.learnerId)) {
      item.learnerId = await this.identities.resolve(identityKeys(item.message), cache, now, merges);
      if (item.message.type === 'alias') {
        for (const previous of await this.identities.owners(previousIdKeys(item.message.previousId), cache)) {
          item.learnerId = await this.identities.merge(previous, item.learnerId, now, merges);
        }
      }
    }
    // A later message of this call may have merged an earlier message's learner away.
    const survivor = new Map(merges.map((merge) => [merge.from, merge.into]));
    for (const item of items) {
      while (survivor.has(item.learnerId!)) item.learnerId = survivor.get(item.learnerId!);
    }
  }

  /**
   * The bulk path: messages whose ids were never seen and appear in no other message of this call get
   * their learners created together, traits included, in a few writes instead of several per message.
   */
  private async createNewLearners(items: Accepted[], cache: IdentityCache, now: Date, merges: Merge[]): Promise<void> {
    const keysOf = new Map(items.map((item) => [item, identityKeys(item.message)]));
    const uses = new Map<string, number>();
    for (const keys of keysOf.values()) for (const key of keys) uses.set(identityId(key), (uses.get(identityId(key)) ?? 0) + 1);
    const fresh = items.filter((item) => {
      const keys = keysOf.get(item)!;
      return bulkCreatable.has(item.message.type) && keys.length > 0 && keys.every((key) => !cache.has(identityId(key)) && uses.get(identityId(key)) === 1);
    });
    if (fresh.length === 0) return;
    const created = await this.identities.createInBulk(fresh.map((item) => ({ keys: keysOf.get(item)!, update: profileUpdateOf(item) })), cache, now, merges);
    fresh.forEach((item, index) => {
      item.learnerId = created[index]!.learnerId;
      item.createdTraits = created[index]!.traits;
    });
  }

  /**
   * Inserts the events, each under its messageId. One that exists already was either fully applied
   * before (a duplicate: nothing more happens) or interrupted before its profile effects finished
   * (`pending`: they are applied now).
   */
  private async store(items: Accepted[], receivedAt: Date, source: EventSource, result: IngestResult, replays: Accepted[]): Promise<Accepted[]> {
    if (items.length === 0) return [];
    const existing = new Set<number>();
    try {
      await this.models.learnerEvents.insertMany(
        items.map((item) => {
          const event = canonicalEvent(item.message);
          return {
            _id: item.messageId,
            learnerId: item.learnerId,
            type: item.message.type,
            name: event.name,
            courseId: event.courseId,
            properties: event.properties,
            context: item.message.context,
            timestamp: item.at,
            receivedAt,
            source,
            // A learner created in bulk got its traits before its event is stored: nothing pending.
            status: hasProfileEffect(item.message) && !item.createdTraits ? 'pending' : 'applied',
          };
        }),
        { ordered: false },
      );
    } catch (error) {
      for (const index of duplicateIndexes(error)) existing.add(index);
    }
    const earlier = await findManyById<{ _id: string; status: string; learnerId: string }>(
      this.models.learnerEvents,
      items.filter((_, index) => existing.has(index)).map((item) => item.messageId),
      { status: 1, learnerId: 1 },
    );
    const stored = items.filter((item, index) => {
      if (!existing.has(index)) return true;
      const before = earlier.get(item.messageId);
      if (before?.status === 'pending') return (item.resume = true);
      result.duplicates += 1;
      if (before) {
        result.learnerIds[item.index] = before.learnerId;
        replays.push({ ...item, learnerId: before.learnerId });
      }
      return false;
    });
    result.accepted += stored.length;
    return stored;
  }

  private async applyProfiles(items: Accepted[], merges: Merge[]): Promise<Map<string, Set<string>>> {
    const changed = new Map<string, Set<string>>();
    const note = (learnerId: string, traits: string[]) => {
      const set = changed.get(learnerId) ?? new Set<string>();
      traits.forEach((trait) => set.add(trait));
      changed.set(learnerId, set);
    };
    for (const merge of merges) note(merge.into, merge.traits);
    for (const item of items) {
      if (item.createdTraits) {
        note(item.learnerId!, item.createdTraits);
        continue;
      }
      const update = profileUpdateOf(item);
      if (!update) continue;
      const outcome = await this.profiles.apply(item.learnerId!, update);
      item.learnerId = outcome.learnerId;
      note(outcome.learnerId, outcome.changed);
    }
    return changed;
  }

  private async markApplied(items: Accepted[]): Promise<void> {
    const pending = items.filter((item) => (hasProfileEffect(item.message) && !item.createdTraits) || item.resume);
    for (const item of pending.filter((entry) => entry.resume)) {
      await this.models.learnerEvents.updateOne({ _id: item.messageId }, { $set: { learnerId: item.learnerId } });
    }
    await updateManyById(this.models.learnerEvents, pending.map((item) => item.messageId), { $set: { status: 'applied' } });
  }

  private async notify(items: Accepted[], changedTraits: Map<string, Set<string>>, merges: Merge[], replays: Accepted[]): Promise<void> {
    const changes = new Map<string, LearnerChange>();
    const changeFor = (learnerId: string) => {
      const change = changes.get(learnerId) ?? { learnerId, events: [], replayedEvents: [], traits: [], mergedLearnerIds: [] };
      changes.set(learnerId, change);
      return change;
    };
    for (const item of items) changeFor(item.learnerId!).events.push(changedEvent(item));
    for (const item of replays) changeFor(item.learnerId!).replayedEvents.push(changedEvent(item));
    for (const [learnerId, traits] of changedTraits) if (traits.size > 0) changeFor(learnerId).traits.push(...traits);
    for (const merge of merges) changeFor(merge.into).mergedLearnerIds.push(merge.from);
    for (const change of changes.values()) await this.hook.emit(change);
  }
}
