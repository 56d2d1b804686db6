import { knownNames } from '../../segments/knownNames';
import { explainRule, findCycle, ruleDependencies, ruleWarnings, type BehaviourSummary, type Explanation, type SegmentRule } from '../../domain/segments';
import type { SegmentInput, SegmentView } from '../../domain/segments/definition';
import { ApiError, invalidBody, notFound } from '../errors';
import { slugOf } from '../slugs';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { LearnerDocument } from '../../store/models/learner';
import type { SegmentDocument } from '../../store/models/segment';
import { writeSerially } from '../../store/serialWrites';
import type { BulkEvaluation, Estimate } from '../../segments/bulk';
import type { SegmentDefinitions } from '../../segments/definitions';
import type { MembershipEngine } from '../../segments/membership';
import type { MembershipState } from '../../segments/plan';

type Models = Pick<StoreModels, 'segments' | 'learners' | 'learnerEvents' | 'identities' | 'writeClaims'>;
const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

export interface CatalogDependencies {
  models: Models;
  definitions: SegmentDefinitions;
  bulk: BulkEvaluation;
  engine: MembershipEngine;
  /** Starts the background evaluation of a segment version over all learners (a Temporal workflow). */
  startEvaluation: (segmentId: string, version: number) => Promise<void>;
  now?: () => number;
}

const invalidRule = (path: (string | number)[], message: string) => invalidBody([{ path: ['rule', ...path], message, code: 'custom' }]);

/** Where a rule refers to a segment, as a path inside the rule (for error messages). */
function segmentReferencePaths(value: unknown, path: (string | number)[] = ['condition']): { segmentId: string; path: (string | number)[] }[] {
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Record<string, unknown>;
  if (node.type === 'segment' && typeof node.segmentId === 'string') return [{ segmentId: node.segmentId, path: [...path, 'segmentId'] }];
  if (Array.isArray(node.conditions)) return node.conditions.flatMap((child, index) => segmentReferencePaths(child, [...path, 'conditions', index]));
  if (node.condition) return segmentReferencePaths(node.condition, [...path, 'condition']);
  return [];
}

/**
 * The segment lifecycle behind the API: create, change, archive, estimate, list, members, a learner's
 * history and "why". Saving validates references and cycles; each saved version is evaluated over all
 * learners in the background, after which the incremental engine keeps it true.
 */
export class SegmentCatalog {
  constructor(private readonly dependencies: CatalogDependencies) {}

  private get models() {
    return this.dependencies.models;
  }

  knownNames(): Promise<{ events: Set<string>; traits: Set<string> }> {
    return knownNames(this.models);
  }

  /** Checks a rule against the other segments: references must exist, and no cycle may form. */
  async checkRule(rule: SegmentRule, segmentId?: string): Promise<{ path: (string | number)[]; message: string }[]> {
    const others = await this.models.segments.find({ status: 'active' }, { dependsOn: 1 }).lean<Pick<SegmentDocument, '_id' | 'dependsOn'>[]>();
    const known = new Map(others.map((doc) => [doc._id, doc.dependsOn?.segments ?? []]));
    for (const reference of segmentReferencePaths(rule.condition)) {
      if (reference.segmentId === segmentId) throw invalidRule(reference.path, 'a segment cannot refer to itself');
      if (!known.has(reference.segmentId)) throw invalidRule(reference.path, `unknown segment "${reference.segmentId}"`);
    }
    if (segmentId) {
      known.set(segmentId, ruleDependencies(rule).segments);
      const cycle = findCycle(known);
      if (cycle) throw invalidRule(segmentReferencePaths(rule.condition).find((reference) => cycle.includes(reference.segmentId))?.path ?? ['condition'], `segments would refer to each other in a cycle: ${cycle.join(' → ')}`);
    }
    return ruleWarnings(rule, await this.knownNames());
  }

  async create(input: SegmentInput): Promise<{ segment: SegmentView; warnings: { path: (string | number)[]; message: string }[]; estimate: Estimate }> {
    const warnings = await this.checkRule(input.rule);
    const estimate = await this.dependencies.bulk.estimate(input.rule, { budgetMs: 5_000 });
    const doc = await this.insert({ name: input.name, description: input.description, kind: 'dynamic', rule: input.rule, dependsOn: ruleDependencies(input.rule) });
    await this.startOrWithdraw(doc);
    return { segment: await this.view(doc), warnings, estimate };
  }

  async createStatic(input: { name: string; description: string; members: string[] }): Promise<{ segment: SegmentView; added: number; unknown: string[] }> {
    const doc = await this.insert({ name: input.name, description: input.description, kind: 'static', dependsOn: { events: [], traits: [], segments: [], timeDependent: false } });
    const outcome = await this.replaceList(doc._id, input.members);
    return { segment: await this.view((await this.find(doc._id))!), ...outcome };
  }

  /** A new definition (a new version): the incremental engine uses it at once, and all learners are re-evaluated in the background. */
  async update(segmentId: string, input: SegmentInput): Promise<{ segment: SegmentView; warnings: { path: (string | number)[]; message: string }[] }> {
    const existing = await this.require(segmentId);
    if (existing.kind !== 'dynamic') throw new ApiError(409, 'conflict', `Segment ${segmentId} is a static list: replace its members instead`);
    const warnings = await this.checkRule(input.rule, segmentId);
    let version = 0;
    await writeSerially<SegmentDocument>({
      model: this.models.segments as never,
      claims: this.models.writeClaims,
      id: segmentId,
      decide: (doc) => {
        version = (doc.version ?? 1) + 1;
        return {
          set: {
            name: input.name,
            description: input.description,
            rule: input.rule,
            dependsOn: ruleDependencies(input.rule),
            version,
            evaluation: { state: 'pending', version, processed: 0, total: 0, entered: 0, exited: 0 },
            updatedAt: new Date(),
          },
        };
      },
    });
    this.dependencies.definitions.forget();
    await this.dependencies.startEvaluation(segmentId, version);
    return { segment: await this.view((await this.find(segmentId))!), warnings };
  }

  /** Archived segments stop being evaluated and their members leave (Segment Exited is emitted). */
  async archive(segmentId: string): Promise<SegmentView> {
    const existing = await this.require(segmentId);
    const dependents = await this.models.segments.find({ status: 'active', 'dependsOn.segments': segmentId }, { _id: 1 }).lean<{ _id: string }[]>();
    if (dependents.length > 0) throw new ApiError(409, 'conflict', `Segment ${segmentId} is used by ${dependents.map((doc) => doc._id).join(', ')}; change those first`);
    if (existing.status !== 'archived') {
      const members = await this.memberIds(segmentId);
      for (const learnerId of members) await this.dependencies.engine.reevaluate(learnerId, { kind: 'definitions', segmentIds: [] }, { lists: new Map([[segmentId, false]]) });
      await writeSerially<SegmentDocument>({ model: this.models.segments as never, claims: this.models.writeClaims, id: segmentId, decide: () => ({ set: { status: 'archived', updatedAt: new Date() } }) });
      this.dependencies.definitions.forget();
    }
    return this.view((await this.find(segmentId))!);
  }

  async get(segmentId: string): Promise<SegmentView> {
    return this.view(await this.require(segmentId));
  }

  async list(options: { includeArchived: boolean }): Promise<SegmentView[]> {
    const docs = await this.models.segments.find(options.includeArchived ? {} : { status: 'active' }).sort({ createdAt: 1 }).lean<SegmentDocument[]>();
    const sizes = await this.sizes();
    return docs.map((doc) => this.toView(doc, sizes.get(doc._id) ?? 0));
  }

  async estimate(rule: SegmentRule) {
    return this.describeEstimate(await this.dependencies.bulk.estimate(rule, { budgetMs: 5_000 }));
  }

  async describeEstimate(estimate: Estimate) {
    const learners = await Promise.all(estimate.sample.map((learnerId) => this.models.learners.findById(learnerId, { traits: 1, emails: 1 }).lean<Pick<LearnerDocument, '_id' | 'traits' | 'emails'>>()));
    return {
      count: estimate.count,
      exact: estimate.exact,
      scanned: estimate.scanned,
      total: estimate.total,
      matchesNobody: estimate.count === 0,
      sample: learners.filter((doc) => doc !== null).map((doc) => {
        const traits = (doc!.traits ?? {}) as Record<string, unknown>;
        return { learnerId: doc!._id, email: typeof traits.email === 'string' ? traits.email : (doc!.emails?.[0] ?? null), name: typeof traits.name === 'string' ? traits.name : null };
      }),
    };
  }

  /** Members in learner id order; `after` is the last id of the previous page. */
  async members(segmentId: string, options: { limit: number; after?: string }) {
    await this.require(segmentId);
    const docs = await this.models.learners
      .find({ segmentIds: segmentId, mergedInto: null, ...(options.after ? { _id: { $gt: options.after } } : {}) }, { traits: 1, emails: 1, memberships: 1 })
      .sort({ _id: 1 })
      .limit(options.limit)
      .lean<Pick<LearnerDocument, '_id' | 'traits' | 'emails' | 'memberships'>[]>();
    return {
      members: docs.map((doc) => {
        const traits = (doc.traits ?? {}) as Record<string, unknown>;
        const state = ((doc.memberships ?? {}) as Record<string, MembershipState>)[segmentId];
        return { learnerId: doc._id, email: typeof traits.email === 'string' ? traits.email : (doc.emails?.[0] ?? null), name: typeof traits.name === 'string' ? traits.name : null, since: iso(state?.since) };
      }),
      next: docs.length === options.limit ? docs[docs.length - 1]!._id : null,
    };
  }

  /** Whether a learner is in a segment and which conditions hold for them now. */
  async explain(segmentId: string, learnerId: string): Promise<{ member: boolean; matchesNow: boolean; explanation: Explanation | null }> {
    const segment = await this.require(segmentId);
    const learner = await this.models.learners.findById(learnerId).lean<LearnerDocument>();
    if (!learner) throw notFound(`Learner ${learnerId}`);
    const member = (learner.segmentIds ?? []).includes(segmentId);
    if (segment.kind === 'static') return { member, matchesNow: member, explanation: null };
    const facts = { traits: (learner.traits ?? {}) as Record<string, unknown>, behaviour: (learner.behaviour ?? {}) as BehaviourSummary, memberships: new Set(learner.segmentIds ?? []) };
    const explanation = explainRule(segment.rule as SegmentRule, facts, (this.dependencies.now ?? Date.now)());
    return { member, matchesNow: explanation.held, explanation };
  }

  /** A learner's periods in segments, newest first, from the transition events. */
  async history(learnerId: string) {
    const learner = await this.models.learners.findById(learnerId, { segmentIds: 1 }).lean<Pick<LearnerDocument, '_id' | 'segmentIds'>>();
    if (!learner) throw notFound(`Learner ${learnerId}`);
    const events = await this.models.learnerEvents.find({ learnerId, name: { $in: ['Segment Entered', 'Segment Exited'] } }, { name: 1, timestamp: 1, properties: 1 }).sort({ timestamp: 1, _id: 1 }).lean<{ name: string; timestamp: Date; properties: { segmentId: string; segmentName: string } }[]>();
    const open = new Map<string, { segmentId: string; segmentName: string; enteredAt: string; exitedAt: string | null }>();
    const periods: { segmentId: string; segmentName: string; enteredAt: string; exitedAt: string | null }[] = [];
    for (const event of events) {
      const { segmentId, segmentName } = event.properties;
      if (event.name === 'Segment Entered') {
        const period = { segmentId, segmentName, enteredAt: event.timestamp.toISOString(), exitedAt: null };
        open.set(segmentId, period);
        periods.push(period);
      } else {
        const period = open.get(segmentId);
        if (period) period.exitedAt = event.timestamp.toISOString();
        open.delete(segmentId);
      }
    }
    return { segmentIds: learner.segmentIds ?? [], periods: periods.reverse() };
  }

  /** A static list's members become exactly these (emails, user ids or learner ids); unknown ones are reported. */
  async replaceList(segmentId: string, members: string[]): Promise<{ added: number; removed: number; unknown: string[] }> {
    const segment = await this.require(segmentId);
    if (segment.kind !== 'static') throw new ApiError(409, 'conflict', `Segment ${segmentId} is dynamic: its members follow its rule`);
    const wanted = new Set<string>();
    const unknown: string[] = [];
    for (const member of members) {
      const learnerId = await this.resolveMember(member);
      if (learnerId) wanted.add(learnerId);
      else unknown.push(member);
    }
    const current = new Set(await this.memberIds(segmentId));
    let added = 0;
    let removed = 0;
    for (const learnerId of wanted) {
      if (current.has(learnerId)) continue;
      added += (await this.dependencies.engine.reevaluate(learnerId, { kind: 'definitions', segmentIds: [] }, { lists: new Map([[segmentId, true]]) })).length > 0 ? 1 : 0;
    }
    for (const learnerId of current) {
      if (wanted.has(learnerId)) continue;
      removed += (await this.dependencies.engine.reevaluate(learnerId, { kind: 'definitions', segmentIds: [] }, { lists: new Map([[segmentId, false]]) })).length > 0 ? 1 : 0;
    }
    await writeSerially<SegmentDocument>({
      model: this.models.segments as never,
      claims: this.models.writeClaims,
      id: segmentId,
      decide: (doc) => ({ set: { evaluation: { state: 'done', version: doc.version, processed: members.length, total: members.length, entered: added, exited: removed, finishedAt: new Date() }, updatedAt: new Date() } }),
    });
    return { added, removed, unknown };
  }

  private async resolveMember(member: string): Promise<string | undefined> {
    const keys = member.includes('@') ? [`email:${member.toLowerCase()}`] : [`user:${member}`];
    for (const key of keys) {
      const identity = await this.models.identities.findById(key, { learnerId: 1 }).lean<{ learnerId: string }>();
      if (identity) return this.alive(identity.learnerId);
    }
    const learner = await this.models.learners.findById(member, { _id: 1 }).lean();
    return learner ? this.alive(member) : undefined;
  }

  private async alive(learnerId: string): Promise<string> {
    let current = learnerId;
    for (let hops = 0; hops < 10; hops += 1) {
      const doc = await this.models.learners.findById(current, { mergedInto: 1 }).lean<{ mergedInto?: string | null }>();
      if (!doc?.mergedInto) return current;
      current = doc.mergedInto;
    }
    return current;
  }

  private async memberIds(segmentId: string): Promise<string[]> {
    const docs = await this.models.learners.find({ segmentIds: segmentId }, { _id: 1 }).lean<{ _id: string }[]>();
    return docs.map((doc) => doc._id);
  }

  private async sizes(): Promise<Map<string, number>> {
    const rows = await this.models.learners.aggregate<{ _id: string; size: number }>([{ $match: { mergedInto: null } }, { $project: { segmentIds: 1 } }, { $unwind: '$segmentIds' }, { $group: { _id: '$segmentIds', size: { $sum: 1 } } }]);
    return new Map(rows.map((row) => [row._id, row.size]));
  }

  private async insert(fields: Partial<SegmentDocument> & { name: string; kind: 'dynamic' | 'static' }): Promise<SegmentDocument> {
    const base = slugOf(fields.name, 'segment');
    const now = new Date();
    for (let attempt = 1; attempt < 100; attempt += 1) {
      const id = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await this.models.segments.create({ ...fields, _id: id, status: 'active', version: 1, evaluation: { state: 'pending', version: 1 }, createdAt: now, updatedAt: now });
        this.dependencies.definitions.forget();
        return (await this.find(id))!;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new ApiError(409, 'conflict', `Too many segments are named like "${fields.name}"`);
  }

  /** A segment that cannot be evaluated is not kept: the client retries the whole creation. */
  private async startOrWithdraw(doc: SegmentDocument): Promise<void> {
    try {
      await this.dependencies.startEvaluation(doc._id, doc.version ?? 1);
    } catch (error) {
      await this.models.segments.deleteOne({ _id: doc._id });
      this.dependencies.definitions.forget();
      throw error;
    }
  }

  private find(segmentId: string) {
    return this.models.segments.findById(segmentId).lean<SegmentDocument>();
  }

  private async require(segmentId: string): Promise<SegmentDocument> {
    const doc = await this.find(segmentId);
    if (!doc) throw notFound(`Segment ${segmentId}`);
    return doc;
  }

  private async view(doc: SegmentDocument): Promise<SegmentView> {
    return this.toView(doc, await this.models.learners.countDocuments({ segmentIds: doc._id, mergedInto: null }));
  }

  private toView(doc: SegmentDocument, size: number): SegmentView {
    const evaluation: Partial<NonNullable<SegmentDocument['evaluation']>> = doc.evaluation ?? {};
    return {
      id: doc._id,
      name: doc.name,
      description: doc.description ?? '',
      kind: doc.kind,
      rule: (doc.rule as SegmentRule | undefined) ?? null,
      status: doc.status ?? 'active',
      version: doc.version ?? 1,
      size,
      dependsOn: { events: doc.dependsOn?.events ?? [], traits: doc.dependsOn?.traits ?? [], segments: doc.dependsOn?.segments ?? [], timeDependent: doc.dependsOn?.timeDependent ?? false },
      evaluation: {
        state: evaluation.state ?? 'pending',
        version: evaluation.version ?? 1,
        processed: evaluation.processed ?? 0,
        total: evaluation.total ?? 0,
        entered: evaluation.entered ?? 0,
        exited: evaluation.exited ?? 0,
        startedAt: iso(evaluation.startedAt),
        finishedAt: iso(evaluation.finishedAt),
        error: evaluation.error ?? null,
      },
      createdAt: iso(doc.createdAt)!,
      updatedAt: iso(doc.updatedAt)!,
    };
  }
}
