import type { Model } from 'mongoose';
import type { StoreModels } from './connection';
import { isDuplicateKeyError } from './errors';

/** How long a claimed revision may stay unwritten before others assume its writer died. */
const LEASE_MS = 30_000;
const MAX_ATTEMPTS = 200;

export interface Revisioned {
  _id: string;
  revision?: number | null;
}

/** The document to write does not exist (e.g. a learner erased meanwhile). */
export class DocumentMissingError extends Error {
  override name = 'DocumentMissingError';
}

export type WriteDecision = { set: Record<string, unknown> } | { redirect: string } | undefined;

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(50, 2 + attempt * 3) * (0.5 + Math.random())));

/**
 * Claims the revision after `revision`, stepping over claims older than the lease (their writers died
 * between claiming and writing; the claim's own time says so, whoever looks). Undefined: a live writer
 * holds the next revision — read again and retry.
 */
async function claimAfter(claims: StoreModels['writeClaims'], key: string, revision: number, now: () => number, maxSteps = 20): Promise<number | undefined> {
  for (let next = revision + 1; next <= revision + maxSteps; next += 1) {
    try {
      await claims.create({ _id: `${key}:${next}`, at: new Date(now()) });
      return next;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const held = await claims.findById(`${key}:${next}`, { at: 1 }).lean<{ at?: Date }>();
      if (held?.at && now() - new Date(held.at).getTime() <= LEASE_MS) return undefined;
    }
  }
  return undefined;
}

/**
 * Read-decide-write of one document, serialised across processes.
 *
 * FerretDB 1.24 (SQLite) applies an update by reading the document, changing it in memory and writing
 * it back by `_id`, with nothing stopping another update in between: concurrent `$inc`s and
 * conditional `{revision: n}` updates lose writes (test/store/serialWrites.test.ts shows the
 * mechanism below holding where plain updates do not). Unique inserts, however, are reliable on both
 * FerretDB and MongoDB. So a writer first inserts a claim for the document's next revision; only the
 * one whose insert succeeds writes that revision, and the others re-read and try again.
 *
 * `decide` sees the current document and returns the fields to set, a redirect to another document
 * (e.g. a merged learner's survivor), or undefined when there is nothing to change.
 */
export async function writeSerially<T extends Revisioned>(options: {
  model: Model<T>;
  claims: StoreModels['writeClaims'];
  id: string;
  decide: (current: T) => WriteDecision;
  now?: () => number;
  /**
   * The document as the caller read it a moment ago, tried first instead of reading it again: if it is
   * stale, claiming its next revision fails (a newer writer holds it) and the document is read.
   */
  known?: T;
}): Promise<{ id: string; written: boolean }> {
  const now = options.now ?? Date.now;
  const collection = options.model.collection.collectionName;
  let id = options.id;
  let known = options.known?._id === id ? options.known : undefined;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const guessed = known !== undefined;
    const current = known ?? (await options.model.findById(id).lean<T>());
    known = undefined;
    if (!current) throw new DocumentMissingError(`${collection} ${id} does not exist`);
    const decision = options.decide(current);
    if (!decision) return { id, written: false };
    if ('redirect' in decision) {
      id = decision.redirect;
      continue;
    }
    // A guessed document may be older than any claim's lease: only its very next revision will do.
    const next = await claimAfter(options.claims, `${collection}:${id}`, current.revision ?? 0, now, guessed ? 1 : 20);
    if (next === undefined) {
      if (!guessed) await pause(attempt);
      continue;
    }
    await options.model.updateOne({ _id: id }, { $set: { ...decision.set, revision: next } });
    return { id, written: true };
  }
  throw new Error(`${options.model.collection.collectionName} ${options.id}: gave up after ${MAX_ATTEMPTS} contended attempts`);
}
