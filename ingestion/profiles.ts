import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { LearnerDocument } from '../store/models/learner';

const MAX_ATTEMPTS = 20;

export interface ProfileUpdate {
  traits: Record<string, unknown>;
  /** When the change happened (message time): an older change never overwrites a newer value. */
  at: Date;
  userId?: string;
  anonymousId?: string;
  groupId?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Learner profile writes. Without transactions, each write is a compare-and-set on the profile's
 * `revision`, retried on conflict, so concurrent updates from several API processes never lose a
 * change; and each trait remembers when it was set, so messages arriving out of order still leave
 * the newest value.
 */
export class Profiles {
  constructor(private readonly models: Pick<StoreModels, 'learners'>) {}

  /** The learner a (possibly merged) profile id now lives on. */
  async alive(learnerId: string): Promise<string> {
    let current = learnerId;
    for (let hops = 0; hops < 10; hops += 1) {
      const doc = await this.models.learners.findById(current, { mergedInto: 1 }).lean<Pick<LearnerDocument, '_id' | 'mergedInto'>>();
      if (!doc?.mergedInto) return current;
      current = doc.mergedInto;
    }
    return current;
  }

  async create(learnerId: string, now: Date): Promise<void> {
    try {
      await this.models.learners.create({ _id: learnerId, createdAt: now, updatedAt: now });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Applies an update; returns the learner it landed on and the traits whose value changed. */
  async apply(learnerId: string, update: ProfileUpdate): Promise<{ learnerId: string; changed: string[] }> {
    let target = learnerId;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const doc = await this.models.learners.findById(target).lean<LearnerDocument>();
      if (!doc) throw new Error(`learner ${target} does not exist`);
      if (doc.mergedInto) {
        target = doc.mergedInto;
        continue;
      }
      const set: Record<string, unknown> = {};
      const changed: string[] = [];
      const setAt = (doc.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
      const current = (doc.traits ?? {}) as Record<string, unknown>;
      for (const [trait, value] of Object.entries(update.traits)) {
        const lastSet = setAt[trait] ? new Date(setAt[trait]).getTime() : -Infinity;
        if (update.at.getTime() < lastSet || same(current[trait], value)) continue;
        set[`traits.${trait}`] = value;
        set[`traitsUpdatedAt.${trait}`] = update.at;
        changed.push(trait);
      }
      const email = typeof update.traits.email === 'string' ? update.traits.email : undefined;
      const addToSet: Record<string, unknown> = {};
      if (email && !(doc.emails ?? []).includes(email)) addToSet.emails = email;
      if (update.anonymousId && !(doc.anonymousIds ?? []).includes(update.anonymousId)) addToSet.anonymousIds = update.anonymousId;
      if (update.groupId && !(doc.groups ?? []).includes(update.groupId)) addToSet.groups = update.groupId;
      if (update.userId && !doc.userId) set.userId = update.userId;
      if (Object.keys(set).length === 0 && Object.keys(addToSet).length === 0) return { learnerId: target, changed };

      const result = await this.models.learners.updateOne(
        { _id: target, revision: doc.revision },
        { $set: { ...set, updatedAt: new Date() }, $inc: { revision: 1 }, ...(Object.keys(addToSet).length ? { $addToSet: addToSet } : {}) },
      );
      if (result.modifiedCount === 1) return { learnerId: target, changed };
    }
    throw new Error(`learner ${learnerId}: too many concurrent updates`);
  }

  /**
   * Folds a merged learner's profile into the survivor: per trait the newest value wins, ids and
   * groups are united, and the earliest creation time is kept.
   */
  async absorb(intoId: string, from: LearnerDocument): Promise<string[]> {
    const fromTraits = (from.traits ?? {}) as Record<string, unknown>;
    const fromSetAt = (from.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
    const changed: string[] = [];
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const into = await this.models.learners.findById(intoId).lean<LearnerDocument>();
      if (!into) throw new Error(`learner ${intoId} does not exist`);
      const intoSetAt = (into.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
      const intoTraits = (into.traits ?? {}) as Record<string, unknown>;
      const set: Record<string, unknown> = {};
      changed.length = 0;
      for (const [trait, value] of Object.entries(fromTraits)) {
        const fromAt = fromSetAt[trait] ? new Date(fromSetAt[trait]).getTime() : 0;
        const intoAt = intoSetAt[trait] ? new Date(intoSetAt[trait]).getTime() : -Infinity;
        if (trait in intoTraits && intoAt >= fromAt) continue;
        if (same(intoTraits[trait], value)) continue;
        set[`traits.${trait}`] = value;
        set[`traitsUpdatedAt.${trait}`] = new Date(fromAt);
        changed.push(trait);
      }
      if (!into.userId && from.userId) set.userId = from.userId;
      if (from.createdAt < into.createdAt) set.createdAt = from.createdAt;
      if (from.lastSeenAt && (!into.lastSeenAt || from.lastSeenAt > into.lastSeenAt)) set.lastSeenAt = from.lastSeenAt;
      const result = await this.models.learners.updateOne(
        { _id: intoId, revision: into.revision },
        {
          $set: { ...set, updatedAt: new Date() },
          $inc: { revision: 1 },
          $addToSet: { emails: { $each: from.emails ?? [] }, anonymousIds: { $each: from.anonymousIds ?? [] }, groups: { $each: from.groups ?? [] } },
        },
      );
      if (result.modifiedCount === 1) return changed;
    }
    throw new Error(`learner ${intoId}: too many concurrent updates while merging`);
  }
}
