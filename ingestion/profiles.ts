import { mergeBehaviour, type BehaviourSummary } from '../domain/segments';
import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { LearnerDocument } from '../store/models/learner';
import { writeSerially } from '../store/serialWrites';

export interface ProfileUpdate {
  traits: Record<string, unknown>;
  /** When the change happened (message time): an older change never overwrites a newer value. */
  at: Date;
  userId?: string;
  anonymousId?: string;
  groupId?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const time = (value: string | Date | undefined) => (value ? new Date(value).getTime() : -Infinity);
const union = (list: string[] | undefined | null, ...more: (string | undefined | null)[]) => [...new Set([...(list ?? []), ...more.filter((item): item is string => !!item)])];

/**
 * Learner profile writes. Each goes through `writeSerially` (one writer per profile revision, across
 * processes), and each trait remembers when it was set, so messages arriving out of order still leave
 * the newest value. A write to a merged profile lands on the profile it was merged into.
 */
/** Traits computed from a profile's other traits (built-in enrichment); they only fill gaps. */
export type TraitDeriver = (traits: Record<string, unknown>) => Record<string, unknown>;

/** An address known to bounce stays flagged until a bounce-free delivery says otherwise. */
const keepsFlag = (trait: string, value: unknown, current: Record<string, unknown>, incomingEmail: unknown) =>
  trait === 'emailStatus' && value === 'valid' && current.emailStatus === 'undeliverable' && (incomingEmail === undefined || incomingEmail === current.email);

export class Profiles {
  constructor(
    private readonly models: Pick<StoreModels, 'learners' | 'writeClaims'>,
    private readonly options: { deriveTraits?: TraitDeriver } = {},
  ) {}

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

  /**
   * Creates brand-new learners in one write, each with its first update already applied (the bulk
   * path for people never seen before, e.g. a contact import). Returns the traits each one got.
   */
  async createMany(entries: { learnerId: string; update?: ProfileUpdate }[], now: Date): Promise<Map<string, string[]>> {
    const changed = new Map<string, string[]>();
    if (entries.length === 0) return changed;
    const docs = entries.map(({ learnerId, update }) => {
      const given = Object.fromEntries(Object.entries(update?.traits ?? {}).filter(([, value]) => value !== null && value !== undefined));
      const traits = { ...given, ...this.options.deriveTraits?.(given) };
      const at = update?.at ?? now;
      const email = typeof traits.email === 'string' ? traits.email : undefined;
      changed.set(learnerId, Object.keys(traits));
      return {
        _id: learnerId,
        ...(update?.userId ? { userId: update.userId } : {}),
        emails: email ? [email] : [],
        anonymousIds: update?.anonymousId ? [update.anonymousId] : [],
        groups: update?.groupId ? [update.groupId] : [],
        traits,
        traitsUpdatedAt: Object.fromEntries(Object.keys(traits).map((trait) => [trait, at])),
        revision: 0,
        mergedInto: null,
        createdAt: now,
        updatedAt: now,
      };
    });
    await this.models.learners.insertMany(docs, { ordered: false });
    return changed;
  }

  /** Applies an update; returns the learner it landed on and the traits whose value changed. */
  async apply(learnerId: string, update: ProfileUpdate): Promise<{ learnerId: string; changed: string[] }> {
    let changed: string[] = [];
    const email = typeof update.traits.email === 'string' ? update.traits.email : undefined;
    const outcome = await this.write(learnerId, (doc) => {
      if (doc.mergedInto) return { redirect: doc.mergedInto };
      const setAt = (doc.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
      const current = (doc.traits ?? {}) as Record<string, unknown>;
      const set: Record<string, unknown> = {};
      changed = [];
      const merged = { ...current, ...update.traits };
      const derived = Object.fromEntries(Object.entries(this.options.deriveTraits?.(merged) ?? {}).filter(([trait]) => merged[trait] === undefined || merged[trait] === null || merged[trait] === ''));
      for (const [trait, value] of Object.entries({ ...update.traits, ...derived })) {
        if (update.at.getTime() < time(setAt[trait]) || same(current[trait], value) || keepsFlag(trait, value, current, update.traits.email)) continue;
        set[`traits.${trait}`] = value;
        set[`traitsUpdatedAt.${trait}`] = update.at;
        changed.push(trait);
      }
      const emails = union(doc.emails, email);
      const anonymousIds = union(doc.anonymousIds, update.anonymousId);
      const groups = union(doc.groups, update.groupId);
      if (emails.length !== (doc.emails ?? []).length) set.emails = emails;
      if (anonymousIds.length !== (doc.anonymousIds ?? []).length) set.anonymousIds = anonymousIds;
      if (groups.length !== (doc.groups ?? []).length) set.groups = groups;
      if (update.userId && !doc.userId) set.userId = update.userId;
      return Object.keys(set).length ? { set: { ...set, updatedAt: new Date() } } : undefined;
    });
    return { learnerId: outcome.id, changed };
  }

  /** Marks a profile as merged into another; false if it had been merged already. */
  async markMerged(learnerId: string, into: string, now: Date): Promise<boolean> {
    const outcome = await this.write(learnerId, (doc) => (doc.mergedInto ? undefined : { set: { mergedInto: into, updatedAt: now } }));
    return outcome.written;
  }

  /**
   * Folds a merged learner's profile into the survivor: per trait the newest value wins, ids and
   * groups are united, and the earliest creation time is kept.
   */
  async absorb(intoId: string, from: LearnerDocument): Promise<string[]> {
    const fromTraits = (from.traits ?? {}) as Record<string, unknown>;
    const fromSetAt = (from.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
    let changed: string[] = [];
    await this.write(intoId, (into) => {
      if (into.mergedInto) return { redirect: into.mergedInto };
      const intoSetAt = (into.traitsUpdatedAt ?? {}) as Record<string, string | Date>;
      const intoTraits = (into.traits ?? {}) as Record<string, unknown>;
      const set: Record<string, unknown> = {};
      changed = [];
      for (const [trait, value] of Object.entries(fromTraits)) {
        const fromAt = Math.max(0, time(fromSetAt[trait]));
        if ((trait in intoTraits && time(intoSetAt[trait]) >= fromAt) || same(intoTraits[trait], value)) continue;
        set[`traits.${trait}`] = value;
        set[`traitsUpdatedAt.${trait}`] = new Date(fromAt);
        changed.push(trait);
      }
      if (!into.userId && from.userId) set.userId = from.userId;
      if (from.createdAt < into.createdAt) set.createdAt = from.createdAt;
      set.emails = union(into.emails, ...(from.emails ?? []));
      set.anonymousIds = union(into.anonymousIds, ...(from.anonymousIds ?? []));
      set.groups = union(into.groups, ...(from.groups ?? []));
      set.behaviour = mergeBehaviour((into.behaviour ?? {}) as BehaviourSummary, (from.behaviour ?? {}) as BehaviourSummary);
      return { set: { ...set, updatedAt: new Date() } };
    });
    return changed;
  }

  private write(learnerId: string, decide: Parameters<typeof writeSerially<LearnerDocument>>[0]['decide']) {
    return writeSerially<LearnerDocument>({ model: this.models.learners as never, claims: this.models.writeClaims, id: learnerId, decide });
  }
}
