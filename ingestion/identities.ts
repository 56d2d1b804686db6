import { randomUUID } from 'node:crypto';
import { identityId, type IdentityKey } from '../domain/ingestion/identityKeys';
import type { StoreModels } from '../store/connection';
import { findManyById } from '../store/byId';
import { duplicateIndexes, isDuplicateKeyError } from '../store/errors';
import type { IdentityDocument } from '../store/models/identity';
import type { LearnerDocument } from '../store/models/learner';
import type { ProfileUpdate, Profiles } from './profiles';

/** Identity → learner, as known during one ingestion call (saves a lookup per message). */
export type IdentityCache = Map<string, string>;

export interface Merge {
  from: string;
  into: string;
  traits: string[];
}

export const newLearnerId = () => `lrn_${randomUUID()}`;

/**
 * Identity resolution: finds the learner a message's ids belong to, creates one for ids never seen,
 * links new ids to it, and merges learners that turn out to be one person (an anonymous visitor who
 * signs up, the same email under two profiles, an alias). Every step is idempotent, so a retried
 * message completes what an interrupted one started.
 */
export class IdentityResolver {
  constructor(
    private readonly models: Pick<StoreModels, 'identities' | 'learners' | 'learnerEvents' | 'writeClaims'>,
    private readonly profiles: Profiles,
    private readonly createId: () => string = newLearnerId,
  ) {}

  /** Loads the owners of many identities in one query. */
  async prefetch(keys: IdentityKey[], cache: IdentityCache): Promise<void> {
    const ids = [...new Set(keys.map(identityId))].filter((id) => !cache.has(id));
    if (ids.length === 0) return;
    const docs = await findManyById<IdentityDocument>(this.models.identities, ids);
    for (const doc of docs.values()) cache.set(doc._id, doc.learnerId);
  }

  /** The learner these ids belong to, creating, linking and merging as needed. */
  async resolve(keys: IdentityKey[], cache: IdentityCache, now: Date, merges: Merge[]): Promise<string> {
    await this.prefetch(keys, cache);
    const owners = [...new Set(keys.map((key) => cache.get(identityId(key))).filter((owner): owner is string => !!owner))];
    let learnerId: string;
    if (owners.length === 0) {
      learnerId = this.createId();
      await this.profiles.create(learnerId, now);
    } else {
      learnerId = owners[0]!;
      for (const other of owners.slice(1)) learnerId = await this.merge(other, learnerId, now, merges);
    }
    return this.link(keys.filter((key) => cache.get(identityId(key)) !== learnerId), learnerId, cache, now, merges);
  }

  /**
   * Creates a learner for each entry in one go and links its ids, for entries whose ids were never
   * seen. An id another process linked meanwhile wins, as in `link`: that entry's new learner merges
   * into the id's owner. Returns each entry's learner and the traits it was created with.
   */
  async createInBulk(
    entries: { keys: IdentityKey[]; update?: ProfileUpdate }[],
    cache: IdentityCache,
    now: Date,
    merges: Merge[],
  ): Promise<{ learnerId: string; traits: string[] }[]> {
    const created = entries.map((entry) => ({ ...entry, learnerId: this.createId() }));
    const traits = await this.profiles.createMany(created, now);
    const links = created.flatMap((entry) => entry.keys.map((key) => ({ _id: identityId(key), learnerId: entry.learnerId, createdAt: now })));
    const lost = new Set<number>();
    try {
      await this.models.identities.insertMany(links, { ordered: false });
    } catch (error) {
      for (const index of duplicateIndexes(error)) lost.add(index);
    }
    const owner = new Map(created.map((entry) => [entry.learnerId, entry.learnerId]));
    for (const [index, link] of links.entries()) {
      if (!lost.has(index)) {
        cache.set(link._id, link.learnerId);
        continue;
      }
      const existing = await this.models.identities.findById(link._id).lean<IdentityDocument>();
      const winner = await this.profiles.alive(existing!.learnerId);
      const survivor = await this.merge(owner.get(link.learnerId)!, winner, now, merges);
      owner.set(link.learnerId, survivor);
      cache.set(link._id, survivor);
    }
    return created.map((entry) => ({ learnerId: owner.get(entry.learnerId)!, traits: traits.get(entry.learnerId) ?? [] }));
  }

  /** Owners of ids that are only looked up, never linked (an alias's previous id). */
  async owners(keys: IdentityKey[], cache: IdentityCache): Promise<string[]> {
    await this.prefetch(keys, cache);
    return [...new Set(keys.map((key) => cache.get(identityId(key))).filter((owner): owner is string => !!owner))];
  }

  /**
   * Links ids to a learner. An id linked meanwhile by another process to another learner wins: this
   * learner merges into that one.
   */
  private async link(keys: IdentityKey[], learnerId: string, cache: IdentityCache, now: Date, merges: Merge[]): Promise<string> {
    let owner = learnerId;
    for (const key of keys) {
      const id = identityId(key);
      try {
        await this.models.identities.create({ _id: id, learnerId: owner, createdAt: now });
        // If the learner was merged away while we linked, point the new id at the survivor too.
        const survivor = await this.profiles.alive(owner);
        if (survivor !== owner) {
          await this.models.identities.updateOne({ _id: id }, { $set: { learnerId: survivor } });
          owner = survivor;
        }
        cache.set(id, owner);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const existing = await this.models.identities.findById(id).lean<IdentityDocument>();
        const winner = await this.profiles.alive(existing!.learnerId);
        if (winner !== owner) owner = await this.merge(owner, winner, now, merges);
        cache.set(id, owner);
      }
    }
    for (const [id, cached] of cache) if (cached === learnerId) cache.set(id, owner);
    return owner;
  }

  /**
   * Makes two learners one and returns the survivor: always the one with the smaller id, so that
   * processes merging the same pair concurrently (each from its own side of an identity race) go the
   * same way, and merges can never form a cycle.
   */
  async merge(one: string, other: string, now: Date, merges: Merge[]): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const [a, b] = await Promise.all([this.profiles.alive(one), this.profiles.alive(other)]);
      if (a === b) return a;
      const [survivor, merged] = a < b ? [a, b] : [b, a];
      // Claim the merge first, so a profile merges once; every later step is idempotent. The claim
      // is a serialised write, so no profile update can slip in after `absorb` has read the profile.
      if (!(await this.profiles.markMerged(merged, survivor, now))) continue;
      await this.models.identities.updateMany({ learnerId: merged }, { $set: { learnerId: survivor } });
      await this.models.learnerEvents.updateMany({ learnerId: merged }, { $set: { learnerId: survivor } });
      const mergedDoc = await this.models.learners.findById(merged).lean<LearnerDocument>();
      const traits = mergedDoc ? await this.profiles.absorb(survivor, mergedDoc) : [];
      merges.push({ from: merged, into: survivor, traits });
      return survivor;
    }
    throw new Error(`learners ${one} and ${other}: too many concurrent merges`);
  }
}
