import { createHash } from 'node:crypto';
import { suppressionKey } from '../../messages/suppressions';
import type { StoreModels } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';

/** Learner ids reach a Temporal visibility query, so they must not be able to close its quotes. */
export const LEARNER_ID_PATTERN = /^[\w.:-]{1,200}$/;

/**
 * The person a request names: the profile an id was (perhaps repeatedly) merged into, and every
 * profile merged into that one over time — one person, several documents. Undefined when no profile
 * has the id (never existed, or erased).
 */
export async function personOf(models: StoreModels, learnerId: string): Promise<{ learner: LearnerDocument; merged: LearnerDocument[]; ids: string[] } | undefined> {
  let learner = await models.learners.findById(learnerId).lean<LearnerDocument>();
  for (let hops = 0; learner?.mergedInto && hops < 100; hops += 1) {
    const survivor = await models.learners.findById(learner.mergedInto).lean<LearnerDocument>();
    if (!survivor) break;
    learner = survivor;
  }
  if (!learner) return undefined;
  const merged: LearnerDocument[] = [];
  const seen = new Set([learner._id]);
  for (let frontier = [learner._id]; frontier.length > 0; ) {
    const found = (await models.learners.find({ mergedInto: { $in: frontier } }).lean<LearnerDocument[]>()).filter((doc) => !seen.has(doc._id));
    found.forEach((doc) => seen.add(doc._id));
    merged.push(...found);
    frontier = found.map((doc) => doc._id);
  }
  return { learner, merged, ids: [...seen] };
}

/** Every address any of the person's profiles carries (traits and the emails list), as mail compares them. */
export function addressesOf(profiles: LearnerDocument[]): string[] {
  const addresses = new Set<string>();
  for (const profile of profiles) {
    for (const email of profile.emails ?? []) addresses.add(suppressionKey(email));
    const traitEmail = (profile.traits as Record<string, unknown> | undefined)?.email;
    if (typeof traitEmail === 'string' && traitEmail.trim()) addresses.add(suppressionKey(traitEmail));
  }
  return [...addresses];
}

/**
 * Enrichment answers are cached under a hash of provider and address (the same key as
 * ingestion/enrichment/cachedEnricher.ts computes), so they are found from the addresses, for every
 * provider that has cached anything.
 */
export async function enrichmentCacheIds(models: StoreModels, addresses: string[]): Promise<string[]> {
  if (addresses.length === 0) return [];
  const enrichers = (await models.enrichmentCache.distinct('enricher')) as string[];
  return enrichers.flatMap((enricher) => addresses.map((address) => createHash('sha256').update(`${enricher}\n${address}`).digest('hex')));
}

/**
 * Rejected CSV rows are kept as written in the file; those mentioning one of the addresses are the
 * person's. FerretDB reads the whole collection for any such filter, which a rare data request can
 * afford.
 */
export async function importRowsMentioning(models: StoreModels, addresses: string[]): Promise<{ pageId: string; jobId: string; line: number; reason: string; row: string }[]> {
  if (addresses.length === 0) return [];
  const rows: { pageId: string; jobId: string; line: number; reason: string; row: string }[] = [];
  for (const page of await models.importErrors.find().lean()) {
    for (const row of page.rows ?? []) {
      const text = row.row.toLowerCase();
      if (addresses.some((address) => text.includes(address))) rows.push({ pageId: page._id, jobId: page.jobId, line: row.line, reason: row.reason, row: row.row });
    }
  }
  return rows;
}

/** The send ledger keeps an erased learner's sends for counts, under this one-way stand-in for its id. */
export const erasedId = (id: string) => `erased:${createHash('sha256').update(id).digest('hex')}`;
