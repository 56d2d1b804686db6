import { randomUUID } from 'node:crypto';
import { compileJourney, nodeName, type ExecutableJourney, type JourneyGraph, type JourneyInput, type JourneyProblem, type JourneyView } from '../../domain/journeys';
import type { NodeCounts } from '../../domain/journeys/api';
import type { JourneyRouter } from '../../journeys/router';
import type { ActiveJourneys } from '../../journeys/activeJourneys';
import { journeyRunView } from '../../journeys/runViews';
import { Topics } from '../../messages/consent/topics';
import { knownNames } from '../../segments/knownNames';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { JourneyDocument } from '../../store/models/journey';
import { journeyVersionId, type JourneyVersionDocument } from '../../store/models/journeyVersion';
import { writeSerially } from '../../store/serialWrites';
import { journeyResumedSignal } from '../../workflows/journey/signals';
import type { Client } from '@temporalio/client';
import { ApiError, notFound } from '../errors';
import { slugOf } from '../slugs';

export interface JourneyServiceDependencies {
  models: StoreModels;
  router: JourneyRouter;
  active: ActiveJourneys;
  client: () => Client;
}

const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);

const toView = (doc: JourneyDocument): JourneyView => ({
  id: doc._id,
  name: doc.name,
  description: doc.description ?? '',
  status: doc.status,
  graph: doc.graph as JourneyGraph,
  publishedVersion: doc.publishedVersion ?? null,
  createdAt: iso(doc.createdAt)!,
  updatedAt: iso(doc.updatedAt)!,
});

/**
 * The journey lifecycle: drafts, validation (every problem, on its node), publishing immutable
 * versions, pausing, resuming, archiving, manual entries, runs and per-node counts.
 */
export class JourneyService {
  constructor(private readonly dependencies: JourneyServiceDependencies) {}

  private get models() {
    return this.dependencies.models;
  }

  async list(): Promise<JourneyView[]> {
    return (await this.models.journeys.find({}).sort({ createdAt: 1 }).lean<JourneyDocument[]>()).map(toView);
  }

  async get(journeyId: string): Promise<JourneyView> {
    return toView(await this.require(journeyId));
  }

  async create(input: JourneyInput): Promise<JourneyView> {
    // Room for a "-99" suffix within the 60 characters a journey id may have.
    const base = input.id ?? slugOf(input.name, 'journey', 56);
    const now = new Date();
    for (let attempt = 1; attempt < 100; attempt += 1) {
      const id = attempt === 1 ? base : `${base}-${attempt}`;
      try {
        await this.models.journeys.create({ _id: id, name: input.name, description: input.description, status: 'draft', graph: input.graph, createdAt: now, updatedAt: now });
        return this.get(id);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        if (input.id) throw new ApiError(409, 'conflict', `A journey with id ${input.id} exists; choose another id`);
      }
    }
    throw new ApiError(409, 'conflict', `Too many journeys are named like "${input.name}"`);
  }

  /** Saves the draft; running learners are not affected until a new version is published. */
  async saveDraft(journeyId: string, input: JourneyInput): Promise<JourneyView> {
    const doc = await this.require(journeyId);
    if (doc.status === 'archived') throw new ApiError(409, 'conflict', `Journey ${journeyId} is archived`);
    await this.write(journeyId, () => ({ set: { name: input.name, description: input.description, graph: input.graph, updatedAt: new Date() } }));
    return this.get(journeyId);
  }

  async validate(graph: JourneyGraph): Promise<{ ok: boolean; problems: JourneyProblem[]; warnings: JourneyProblem[] }> {
    const { problems, warnings } = await this.check(graph);
    return { ok: problems.length === 0, problems, warnings };
  }

  /** Every problem of a graph against the workspace's segments, templates and known events. */
  private async check(graph: JourneyGraph): Promise<{ problems: JourneyProblem[]; warnings: JourneyProblem[]; journey?: ExecutableJourney }> {
    const [segments, templates, names, topics] = await Promise.all([
      this.models.segments.find({ status: 'active' }, { _id: 1 }).lean<{ _id: string }[]>(),
      this.models.templates.find({}, { _id: 1 }).lean<{ _id: string }[]>(),
      knownNames(this.models),
      new Topics(this.models).list(),
    ]);
    const topicIds = new Set(topics.map((topic) => topic.id));
    const result = compileJourney(graph, { segments: new Set(segments.map((doc) => doc._id)), templates: new Set(templates.map((doc) => doc._id)), events: names.events });
    const problems = result.ok ? [] : [...result.problems];
    // A webhook step without a URL could only ever be skipped at send time: say so before it runs.
    for (const node of graph.nodes) {
      if (node.type === 'sendMessage' && node.settings.channel === 'webhook' && !node.settings.webhookUrl) problems.push({ nodeId: node.id, code: 'missing_webhook_url', message: `${nodeName(node)} calls a webhook without a URL: enter where to POST the message.` });
      // Learners' consent is per topic: a marketing message under a topic nobody can subscribe to would always be skipped.
      if (node.type === 'sendMessage' && node.settings.kind === 'marketing' && !topicIds.has(node.settings.topic)) problems.push({ nodeId: node.id, code: 'unknown_topic', message: `${nodeName(node)} is filed under topic "${node.settings.topic}", which does not exist: choose one of ${[...topicIds].join(', ')}.` });
    }
    return { problems, warnings: result.warnings, ...(result.ok && problems.length === 0 ? { journey: result.journey } : {}) };
  }

  /** Compiles the draft into a new immutable version; new entries start on it, running learners stay on theirs. */
  async publish(journeyId: string): Promise<{ journey: JourneyView; version: number; warnings: JourneyProblem[] }> {
    const doc = await this.require(journeyId);
    if (doc.status === 'archived') throw new ApiError(409, 'conflict', `Journey ${journeyId} is archived`);
    const graph = doc.graph as JourneyGraph;
    const checked = await this.check(graph);
    if (!checked.journey) throw new ApiError(400, 'validation_failed', `The journey has ${checked.problems.length} problem(s): ${checked.problems.map((problem) => problem.message).join('; ')}`, { location: 'graph', problems: checked.problems });
    for (let version = (doc.publishedVersion ?? 0) + 1; ; version += 1) {
      try {
        await this.models.journeyVersions.create({ _id: journeyVersionId(journeyId, version), journeyId, version, name: doc.name, graph, executable: checked.journey, publishedAt: new Date() });
      } catch (error) {
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
      await this.write(journeyId, (current) => ({ set: { publishedVersion: Math.max(version, current.publishedVersion ?? 0), status: current.status === 'draft' ? 'active' : current.status, updatedAt: new Date() } }));
      this.dependencies.active.forget();
      return { journey: await this.get(journeyId), version, warnings: checked.warnings };
    }
  }

  async versions(journeyId: string) {
    await this.require(journeyId);
    const docs = await this.models.journeyVersions.find({ journeyId }, { version: 1, name: 1, publishedAt: 1 }).sort({ version: -1 }).lean<JourneyVersionDocument[]>();
    return docs.map((doc) => ({ version: doc.version, name: doc.name, publishedAt: iso(doc.publishedAt)! }));
  }

  async version(journeyId: string, version: number) {
    const doc = await this.models.journeyVersions.findById(journeyVersionId(journeyId, version)).lean<JourneyVersionDocument>();
    if (!doc) throw notFound(`Version ${version} of journey ${journeyId}`);
    return { version: doc.version, name: doc.name, publishedAt: iso(doc.publishedAt)!, graph: doc.graph as JourneyGraph };
  }

  /** No new entries; running learners hold before their next message. */
  async pause(journeyId: string): Promise<JourneyView> {
    return this.setStatus(journeyId, ['active'], 'paused');
  }

  async resume(journeyId: string): Promise<JourneyView> {
    const view = await this.setStatus(journeyId, ['paused'], 'active');
    // The signal makes held runs go on at once; one that misses it (or a server without visibility
    // queries) finds out by itself within hours.
    try {
      for await (const run of this.dependencies.client().workflow.list({ query: `JourneyId = '${journeyId}' AND ExecutionStatus = 'Running'` })) {
        await this.dependencies.client().workflow.getHandle(run.workflowId).signal(journeyResumedSignal).catch(() => undefined);
      }
    } catch {
      // Visibility is unavailable: the runs' own re-check takes over.
    }
    return view;
  }

  /** No new entries; runs end before their next message. */
  async archive(journeyId: string): Promise<JourneyView> {
    return this.setStatus(journeyId, ['draft', 'active', 'paused'], 'archived');
  }

  /** Puts a learner into a journey whose trigger is manual (or any published journey, by an operator). */
  async enter(journeyId: string, learnerId: string): Promise<{ workflowId: string | null }> {
    const doc = await this.require(journeyId);
    if (doc.status !== 'active') throw new ApiError(409, 'conflict', `Journey ${journeyId} is ${doc.status}: it takes no entries`);
    if (!(await this.models.learners.exists({ _id: learnerId }))) throw notFound(`Learner ${learnerId}`);
    this.dependencies.active.forget();
    const journey = (await this.dependencies.active.current()).find((live) => live.id === journeyId);
    if (!journey) throw new ApiError(409, 'conflict', `Journey ${journeyId} has no published version`);
    const workflowId = await this.dependencies.router.enter(journey, learnerId, { messageId: `manual:${randomUUID()}` });
    return { workflowId: workflowId ?? null };
  }

  /** Runs of the journey, newest first, with where each one is (from Temporal's visibility). */
  async runs(journeyId: string, options: { limit: number; node?: string }) {
    await this.require(journeyId);
    const query = `JourneyId = '${journeyId}'${options.node ? ` AND CurrentNode = '${options.node}'` : ''}`;
    const runs = [];
    for await (const run of this.dependencies.client().workflow.list({ query, pageSize: options.limit })) {
      runs.push(journeyRunView(run));
      if (runs.length >= options.limit) break;
    }
    return runs;
  }

  /** Per node: runs that entered it, wait there now, and left by each output. */
  async counts(journeyId: string) {
    await this.require(journeyId);
    const rows = await this.models.journeySteps.aggregate<{ _id: { nodeId: string; kind: string; output?: string }; count: number }>([
      { $match: { journeyId } },
      { $group: { _id: { nodeId: '$nodeId', kind: '$kind', output: '$output' }, count: { $sum: 1 } } },
    ]);
    const byNode = new Map<string, NodeCounts>();
    for (const row of rows) {
      const entry = byNode.get(row._id.nodeId) ?? { nodeId: row._id.nodeId, entered: 0, waitingNow: 0, left: {} };
      if (row._id.kind === 'entered') entry.entered += row.count;
      else entry.left[row._id.output ?? 'end'] = (entry.left[row._id.output ?? 'end'] ?? 0) + row.count;
      byNode.set(row._id.nodeId, entry);
    }
    for (const entry of byNode.values()) entry.waitingNow = entry.entered - Object.values(entry.left).reduce((sum, count) => sum + count, 0);
    // Plain $match/$group stages only: FerretDB's aggregation has no $cond.
    const countBy = (match: Record<string, unknown>) =>
      this.models.messageSends.aggregate<{ _id: { nodeId: string; status: string }; count: number }>([
        { $match: { journeyId, ...match } },
        { $group: { _id: { nodeId: '$nodeId', status: '$status' }, count: { $sum: 1 } } },
      ]);
    const [all, opened, clicked] = await Promise.all([countBy({}), countBy({ openCount: { $gt: 0 } }), countBy({ clickCount: { $gt: 0 } })]);
    const add = (rows: readonly { _id: { nodeId: string; status: string }; count: number }[], figure: (status: string) => keyof NonNullable<NodeCounts['messages']> | undefined) => {
      for (const row of rows) {
        const entry = byNode.get(row._id.nodeId);
        const key = figure(row._id.status);
        if (!entry || !key) continue;
        entry.messages ??= { sent: 0, opened: 0, clicked: 0, skipped: 0 };
        entry.messages[key] += row.count;
      }
    };
    add(all, (status) => (status === 'sent' || status === 'skipped' ? status : undefined));
    add(opened, () => 'opened');
    add(clicked, () => 'clicked');
    return [...byNode.values()];
  }

  private async setStatus(journeyId: string, from: JourneyDocument['status'][], to: JourneyDocument['status']): Promise<JourneyView> {
    const doc = await this.require(journeyId);
    if (to !== 'archived' && doc.publishedVersion === null) throw new ApiError(409, 'conflict', `Journey ${journeyId} has not been published`);
    if (doc.status !== to) {
      if (!from.includes(doc.status)) throw new ApiError(409, 'conflict', `Journey ${journeyId} is ${doc.status}; it cannot become ${to}`);
      await this.write(journeyId, () => ({ set: { status: to, updatedAt: new Date() } }));
      this.dependencies.active.forget();
    }
    return this.get(journeyId);
  }

  private write(journeyId: string, decide: (doc: JourneyDocument) => { set: Record<string, unknown> }) {
    return writeSerially<JourneyDocument>({ model: this.models.journeys as never, claims: this.models.writeClaims, id: journeyId, decide });
  }

  private async require(journeyId: string): Promise<JourneyDocument> {
    const doc = await this.models.journeys.findById(journeyId).lean<JourneyDocument>();
    if (!doc) throw notFound(`Journey ${journeyId}`);
    return doc;
  }
}
