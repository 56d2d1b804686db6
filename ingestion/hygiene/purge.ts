import { escapeRegex } from '../../store/regex';
import type { StoreModels } from '../../store/connection';
import { inactiveLearnerIds } from './report';


/**
 * Deletes learners for good: their profiles (and the profiles merged into them), identities, events
 * and write claims. Used for learners inactive beyond retention and for erased ones.
 */
export async function purgeLearners(models: Pick<StoreModels, 'learners' | 'identities' | 'learnerEvents' | 'writeClaims'>, learnerIds: string[]): Promise<{ learners: number; events: number }> {
  let learners = 0;
  let events = 0;
  for (const learnerId of learnerIds) {
    const merged = (await models.learners.find({ mergedInto: learnerId }, { _id: 1 }).lean<{ _id: string }[]>()).map((doc) => doc._id);
    const ids = [learnerId, ...merged];
    events += (await models.learnerEvents.deleteMany({ learnerId: { $in: ids } })).deletedCount;
    await models.identities.deleteMany({ learnerId: { $in: ids } });
    for (const id of ids) await models.writeClaims.deleteMany({ _id: { $regex: `^learners:${escapeRegex(id)}:` } });
    learners += (await models.learners.deleteMany({ _id: { $in: ids } })).deletedCount;
  }
  return { learners, events };
}

/** Learners with no event for `days` days; `dryRun` only counts them. */
export async function purgeInactive(models: Parameters<typeof purgeLearners>[0], options: { days: number; dryRun: boolean; now?: Date }) {
  const since = new Date((options.now ?? new Date()).getTime() - options.days * 86_400_000);
  const ids = await inactiveLearnerIds(models, since);
  if (options.dryRun) return { candidates: ids.length, learners: 0, events: 0 };
  return { candidates: ids.length, ...(await purgeLearners(models, ids)) };
}
