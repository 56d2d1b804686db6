import type { ProjectionType } from 'mongoose';
import type { StoreModels } from './connection';
import type { LearnerDocument } from './models/learner';

/** More merges than this in a row mean a broken chain, not a learner. */
const MAX_MERGE_HOPS = 10;

/**
 * The profile that holds a learner now: a learner id merged into another is followed to the survivor.
 * Null when there is none (never existed, erased, or a broken merge chain). With a projection, only
 * those fields (and the merge pointer) are read.
 */
export async function liveLearner<T extends Partial<LearnerDocument> = LearnerDocument>(models: Pick<StoreModels, 'learners'>, learnerId: string, projection?: ProjectionType<LearnerDocument>): Promise<(T & Pick<LearnerDocument, '_id'>) | null> {
  const fields = projection === undefined ? undefined : { ...(projection as Record<string, unknown>), mergedInto: 1 };
  let doc = await models.learners.findById(learnerId, fields).lean<T & Pick<LearnerDocument, '_id' | 'mergedInto'>>();
  for (let hops = 0; doc?.mergedInto && hops < MAX_MERGE_HOPS; hops += 1) doc = await models.learners.findById(doc.mergedInto, fields).lean<T & Pick<LearnerDocument, '_id' | 'mergedInto'>>();
  return doc?.mergedInto ? null : doc;
}
