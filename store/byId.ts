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

/** A condition on a document's own fields: equality (dates by time, null for missing), `$in` or `$lte`. */
export type FieldConditions = Record<string, unknown>;

const comparable = (value: unknown) => (value instanceof Date ? value.getTime() : value);
const same = (value: unknown, expected: unknown) => (expected === null ? value === null || value === undefined : comparable(value) === comparable(expected));

/** Whether `doc` meets `where` (the few operators FieldConditions allows; any other is a programming error). */
export function meets(doc: Record<string, unknown>, where: FieldConditions): boolean {
  return Object.entries(where).every(([field, test]) => {
    const value = doc[field];
    if (test === null || typeof test !== 'object' || test instanceof Date) return same(value, test);
    return Object.entries(test).every(([operator, operand]) => {
      if (operator === '$in') return (operand as unknown[]).some((candidate) => same(value, candidate));
      if (operator === '$lte') return value !== null && value !== undefined && (comparable(value) as number) <= (comparable(operand) as number);
      throw new Error(`meets: unsupported operator ${operator}`);
    });
  });
}

/**
 * `updateOne({ _id: id, ...where }, update)`, kept an `_id` lookup on FerretDB: there a filter with
 * anything besides `_id` reads the whole collection (a ledger of 5,000 sends: 170 ms instead of 2),
 * so the document is read by id, checked here and updated by id. FerretDB's own conditional update
 * is no more atomic (it reads, changes and writes back the document); MongoDB keeps its atomic one.
 */
export async function updateOneByIdWhere(model: AnyModel, id: string, where: FieldConditions, update: Record<string, unknown>): Promise<{ modifiedCount: number }> {
  if (!oneByOne.has(model.db)) return model.updateOne({ _id: id, ...where }, update);
  const doc = await model.findById(id, projectionOf(where)).lean<Record<string, unknown>>();
  if (!doc || !meets(doc, where)) return { modifiedCount: 0 };
  return model.updateOne({ _id: id }, update);
}

/** `findOneAndUpdate({ _id: id, ...where }, update)` returning the updated document, the same way as updateOneByIdWhere. */
export async function findOneAndUpdateByIdWhere<T>(model: AnyModel, id: string, where: FieldConditions, update: Record<string, unknown>): Promise<T | null> {
  if (!oneByOne.has(model.db)) return model.findOneAndUpdate({ _id: id, ...where }, update, { returnDocument: 'after' }).lean<T>();
  const { modifiedCount } = await updateOneByIdWhere(model, id, where, update);
  return modifiedCount > 0 ? model.findById(id).lean<T>() : null;
}

const projectionOf = (where: FieldConditions) => Object.fromEntries(Object.keys(where).map((field) => [field, 1]));
