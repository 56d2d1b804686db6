import type { Connection, Model } from 'mongoose';

/**
 * FerretDB 1.24 (SQLite) only uses an index for a filter that is exactly `{ _id: <string> }`; any
 * other filter — `{ _id: { $in: [...] } }` included — reads the whole collection. On FerretDB, hot
 * paths therefore look documents up one by one by `_id`; on MongoDB one `$in` query does it.
 */
const oneByOne = new WeakSet<Connection>();
/** Any model: only `_id` lookups and plain updates are made through it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModel = Model<any>;

/** Called by Store once it knows the server is FerretDB. */
export function lookUpOneByOne(connection: Connection): void {
  oneByOne.add(connection);
}

/** The documents with these ids (missing ones left out), with only `projection`'s fields if given. */
export async function findManyById<T extends { _id: string }>(model: AnyModel, ids: readonly string[], projection?: Record<string, 0 | 1>): Promise<Map<string, T>> {
  const found = new Map<string, T>();
  if (ids.length === 0) return found;
  if (!oneByOne.has(model.db)) {
    for (const doc of await model.find({ _id: { $in: [...new Set(ids)] } }, projection).lean<T[]>()) found.set(doc._id, doc);
    return found;
  }
  // One after another: FerretDB answers one query at a time anyway, and concurrent writes to its
  // SQLite file can fail with SQLITE_BUSY.
  for (const id of new Set(ids)) {
    const doc = await model.findById(id, projection).lean<T>();
    if (doc) found.set(id, doc);
  }
  return found;
}

/** The same update applied to each document, each by its `_id`. */
export async function updateManyById(model: AnyModel, ids: readonly string[], update: Record<string, unknown>): Promise<void> {
  if (ids.length === 0) return;
  if (!oneByOne.has(model.db)) {
    await model.updateMany({ _id: { $in: [...new Set(ids)] } }, update);
    return;
  }
  for (const id of new Set(ids)) await model.updateOne({ _id: id }, update);
}
