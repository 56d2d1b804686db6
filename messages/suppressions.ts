import type { SuppressionReason, SuppressionView } from '../domain/messages/consent';
import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import type { SuppressionDocument } from '../store/models/suppression';

type SuppressionModels = Pick<StoreModels, 'suppressions'>;

/** Suppressions are keyed by the address as mail servers compare it in practice: trimmed and lower-cased. */
export const suppressionKey = (address: string) => address.trim().toLowerCase();

export const suppressionView = (doc: SuppressionDocument): SuppressionView => ({
  address: doc._id,
  reason: doc.reason as SuppressionReason,
  ...(doc.note ? { note: doc.note } : {}),
  at: doc.at.toISOString(),
});

/**
 * Adds an address to the suppression list unless it is there already (the first reason stays: a
 * later bounce must not overwrite an operator's note). Safe to call again and from many processes —
 * the insert is by `_id`. The email channel calls this on permanent SMTP failures.
 */
export async function suppress(models: SuppressionModels, address: string, reason: SuppressionReason, note?: string): Promise<{ created: boolean; suppression: SuppressionView }> {
  const key = suppressionKey(address);
  try {
    const doc = await models.suppressions.create({ _id: key, reason, note, at: new Date() });
    return { created: true, suppression: suppressionView(doc.toObject() as SuppressionDocument) };
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const existing = await models.suppressions.findById(key).lean<SuppressionDocument>();
    // Removed between the insert and the read: try once more rather than report a stale answer.
    if (!existing) return suppress(models, address, reason, note);
    return { created: false, suppression: suppressionView(existing) };
  }
}

export async function findSuppression(models: SuppressionModels, address: string): Promise<SuppressionView | undefined> {
  const doc = await models.suppressions.findById(suppressionKey(address)).lean<SuppressionDocument>();
  return doc ? suppressionView(doc) : undefined;
}

/** Lifts a suppression; the removed entry, or undefined when there was none. */
export async function unsuppress(models: SuppressionModels, address: string): Promise<SuppressionView | undefined> {
  const doc = await models.suppressions.findOneAndDelete({ _id: suppressionKey(address) }).lean<SuppressionDocument>();
  return doc ? suppressionView(doc) : undefined;
}

export async function listSuppressions(models: SuppressionModels, options: { limit: number; after?: string }): Promise<SuppressionView[]> {
  const filter = options.after ? { _id: { $gt: suppressionKey(options.after) } } : {};
  const docs = await models.suppressions.find(filter).sort({ _id: 1 }).limit(options.limit).lean<SuppressionDocument[]>();
  return docs.map(suppressionView);
}
