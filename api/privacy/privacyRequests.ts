import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { suppressionKey } from '../../messages/suppressions';
import type { StoreModels } from '../../store/connection';
import { isDuplicateKeyError } from '../../store/errors';
import type { MessageSendDocument } from '../../store/models/messageSend';
import { addressesOf, enrichmentCacheIds, erasedId, importRowsMentioning, personOf } from './learnerRecords';

export interface PrivacyDependencies {
  models: StoreModels;
  client: () => Client;
}

export interface JourneyRunView {
  workflowId: string;
  runId: string;
  type: string;
  status: string;
  startTime: string;
  closeTime: string | null;
}

export interface ErasureReport {
  learnerId: string;
  erasedLearnerIds: string[];
  terminatedRuns: string[];
  deleted: Record<string, number>;
  /** Sends kept for counts, their learner replaced by a one-way hash. */
  anonymisedSends: number;
}

/**
 * Data requests about one person: export everything held, or erase it. Each request is audited with
 * nothing but the learner id: the log has to show that the request was made and carried out (who,
 * when, which learner), and must not itself become a copy of the data an erasure removes. Once the
 * profile and identities are gone, the id points at no one.
 */
export class PrivacyRequests {
  constructor(private readonly dependencies: PrivacyDependencies) {}

  private get models() {
    return this.dependencies.models;
  }

  async export(learnerId: string, actor: string) {
    const person = await personOf(this.models, learnerId);
    if (!person) return undefined;
    const { ids } = person;
    const byLearner = { learnerId: { $in: ids } };
    const addresses = addressesOf([person.learner, ...person.merged]);
    const [identities, events, consents, sends, journeyEntries, journeySteps, auditEntries, suppressions, enrichment, importRows, journeyRuns] = await Promise.all([
      this.models.identities.find(byLearner).sort({ _id: 1 }).lean(),
      this.models.learnerEvents.find(byLearner).sort({ timestamp: 1 }).lean(),
      this.models.consents.find(byLearner).sort({ _id: 1 }).lean(),
      this.models.messageSends.find(byLearner).sort({ createdAt: 1 }).lean(),
      this.models.journeyEntries.find(byLearner).sort({ at: 1 }).lean(),
      this.models.journeySteps.find(byLearner).sort({ at: 1 }).lean(),
      this.models.auditLog.find(byLearner).sort({ at: 1 }).lean(),
      Promise.all(addresses.map((address) => this.models.suppressions.findById(suppressionKey(address)).lean())).then((found) => found.filter((doc) => doc !== null)),
      enrichmentCacheIds(this.models, addresses).then((cacheIds) => (cacheIds.length ? this.models.enrichmentCache.find({ _id: { $in: cacheIds } }).lean() : [])),
      importRowsMentioning(this.models, addresses),
      this.runs(ids, 'all'),
    ]);
    const exportedAt = new Date();
    await this.audit('export', person.learner._id, actor, exportedAt);
    return {
      exportedAt: exportedAt.toISOString(),
      learnerId: person.learner._id,
      profile: person.learner,
      mergedProfiles: person.merged,
      identities,
      events,
      segments: { current: person.learner.segmentIds ?? [], history: person.learner.memberships ?? {} },
      consents,
      suppressions,
      sends,
      journeyEntries,
      journeySteps,
      journeyRuns,
      enrichment,
      importRows,
      auditEntries,
    };
  }

  /**
   * Erases the person. Order matters for a request interrupted half-way and sent again: running
   * journey runs stop first (so nothing writes new data meanwhile), identities go next (a message
   * arriving now starts a new, unrelated profile instead of feeding this one), the profile itself goes
   * last — while it exists, a repeated request finds the learner and finishes the work; after that,
   * the learner is unknown (404).
   */
  async erase(learnerId: string, actor: string): Promise<ErasureReport | undefined> {
    const person = await personOf(this.models, learnerId);
    if (!person) return undefined;
    const { ids } = person;
    const byLearner = { learnerId: { $in: ids } };
    const addresses = addressesOf([person.learner, ...person.merged]);

    const terminatedRuns = await this.terminateRuns(ids);
    const deleted: Record<string, number> = {};
    const count = async (name: string, operation: Promise<{ deletedCount?: number }>) => {
      deleted[name] = (deleted[name] ?? 0) + ((await operation).deletedCount ?? 0);
    };
    await count('identities', this.models.identities.deleteMany(byLearner));
    await count('events', this.models.learnerEvents.deleteMany(byLearner));
    await count('consents', this.models.consents.deleteMany(byLearner));
    await count('journeyEntries', this.models.journeyEntries.deleteMany(byLearner));
    await count('journeySteps', this.models.journeySteps.deleteMany(byLearner));
    const cacheIds = await enrichmentCacheIds(this.models, addresses);
    if (cacheIds.length) await count('enrichment', this.models.enrichmentCache.deleteMany({ _id: { $in: cacheIds } }));
    deleted.importRows = await this.dropImportRows(addresses);
    const anonymisedSends = await this.anonymiseSends(ids);
    for (const id of ids) await count('writeClaims', this.models.writeClaims.deleteMany({ _id: { $regex: `^learners:${escapeRegex(id)}:` } }));
    // Merged profiles first, the survivor last: see above.
    await count('profiles', this.models.learners.deleteMany({ _id: { $in: person.merged.map((doc) => doc._id) } }));
    await count('profiles', this.models.learners.deleteOne({ _id: person.learner._id }));
    await this.audit('erasure', person.learner._id, actor, new Date());
    return { learnerId: person.learner._id, erasedLearnerIds: ids, terminatedRuns, deleted, anonymisedSends };
  }

  /** The person's journey runs, found by the LearnerId search attribute. */
  private async runs(ids: string[], which: 'all' | 'running'): Promise<JourneyRunView[]> {
    const runs: JourneyRunView[] = [];
    for (const id of ids) {
      const query = `LearnerId = '${id}'${which === 'running' ? ` AND ExecutionStatus = 'Running'` : ''}`;
      for await (const run of this.dependencies.client().workflow.list({ query })) {
        runs.push({ workflowId: run.workflowId, runId: run.runId, type: run.type, status: run.status.name, startTime: run.startTime.toISOString(), closeTime: run.closeTime?.toISOString() ?? null });
      }
    }
    return runs;
  }

  /**
   * Terminates (not cancels: a cancelled run could still send its goodbye step) every running journey
   * run of the person. Visibility lags a just-started run by a moment, so the runs journey_entries
   * recorded are terminated by id as well.
   */
  private async terminateRuns(ids: string[]): Promise<string[]> {
    const workflowIds = new Set((await this.runs(ids, 'running')).map((run) => run.workflowId));
    for (const entry of await this.models.journeyEntries.find({ learnerId: { $in: ids } }).lean()) workflowIds.add(entry.workflowId);
    const terminated: string[] = [];
    for (const workflowId of workflowIds) {
      try {
        await this.dependencies.client().workflow.getHandle(workflowId).terminate('erased');
        terminated.push(workflowId);
      } catch (error) {
        // Already closed (or never started): nothing runs for this learner under that id.
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    return terminated.sort();
  }

  /**
   * The ledger keeps its counts (per journey, template, status, day) but no longer says whose: each
   * send moves to an id derived one-way from its old one (the idempotency key names the learner) with
   * the learner replaced by a hash, and loses the Message-ID, the provider's answer and the reason
   * (a bounce text quotes the address). Insert before delete, so an interrupted request loses nothing.
   */
  private async anonymiseSends(ids: string[]): Promise<number> {
    const sends = await this.models.messageSends.find({ learnerId: { $in: ids } }).lean<MessageSendDocument[]>();
    for (const send of sends) {
      const { _id, learnerId, messageId: _messageId, providerResponse: _providerResponse, reason: _reason, ...kept } = send;
      try {
        await this.models.messageSends.create({ ...kept, _id: erasedId(_id), learnerId: erasedId(learnerId) });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      await this.models.messageSends.deleteOne({ _id });
    }
    return sends.length;
  }

  private async dropImportRows(addresses: string[]): Promise<number> {
    const rows = await importRowsMentioning(this.models, addresses);
    const byPage = new Map<string, Set<number>>();
    for (const row of rows) byPage.set(row.pageId, (byPage.get(row.pageId) ?? new Set()).add(row.line));
    // Read and rewritten whole (a page is written only by the import that made it): plainer for
    // FerretDB than a conditional $pull.
    for (const [pageId, lines] of byPage) {
      const page = await this.models.importErrors.findById(pageId).lean();
      if (page) await this.models.importErrors.updateOne({ _id: pageId }, { $set: { rows: (page.rows ?? []).filter((row) => !lines.has(row.line)) } });
    }
    return rows.length;
  }

  private async audit(kind: 'export' | 'erasure', learnerId: string, actor: string, at: Date): Promise<void> {
    await this.models.auditLog.create({ _id: randomUUID(), kind, learnerId, at, actor, details: {} });
  }
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
