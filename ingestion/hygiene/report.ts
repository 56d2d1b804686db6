import type { StoreModels } from '../../store/connection';

export interface HygieneReport {
  generatedAt: string;
  learners: number;
  /** Profiles merged into another because they were the same person. */
  duplicatesMerged: number;
  /** Learners whose email is flagged invalid or undeliverable (never sent to). */
  badEmails: { invalid: number; undeliverable: number; sample: string[] };
  /** Learners with no event in the last `days` days. */
  inactive: { days: number; count: number; sample: string[] };
}

const SAMPLE = 20;

/** Learner ids with at least one event since `since` (one aggregation over the events' time index). */
export async function activeLearnerIds(models: Pick<StoreModels, 'learnerEvents'>, since: Date): Promise<Set<string>> {
  const groups = await models.learnerEvents.aggregate<{ _id: string }>([{ $match: { timestamp: { $gte: since } } }, { $group: { _id: '$learnerId' } }]);
  return new Set(groups.map((group) => group._id));
}

/** Learners (merged ones left out) with no event since `since`, in id order. */
export async function inactiveLearnerIds(models: Pick<StoreModels, 'learners' | 'learnerEvents'>, since: Date): Promise<string[]> {
  const active = await activeLearnerIds(models, since);
  const inactive: string[] = [];
  for await (const learner of models.learners.find({ mergedInto: null }, { _id: 1 }).sort({ _id: 1 }).lean<{ _id: string }>().cursor()) {
    if (!active.has(learner._id)) inactive.push(learner._id);
  }
  return inactive;
}

export async function hygieneReport(models: Pick<StoreModels, 'learners' | 'learnerEvents'>, options: { inactiveDays: number; now?: Date }): Promise<HygieneReport> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - options.inactiveDays * 86_400_000);
  const [learners, duplicatesMerged, invalid, undeliverable, badSample, inactive] = await Promise.all([
    models.learners.countDocuments({ mergedInto: null }),
    models.learners.countDocuments({ mergedInto: { $ne: null } }),
    models.learners.countDocuments({ mergedInto: null, 'traits.emailStatus': 'invalid' }),
    models.learners.countDocuments({ mergedInto: null, 'traits.emailStatus': 'undeliverable' }),
    models.learners.find({ mergedInto: null, 'traits.emailStatus': { $in: ['invalid', 'undeliverable'] } }, { _id: 1 }).sort({ _id: 1 }).limit(SAMPLE).lean<{ _id: string }[]>(),
    inactiveLearnerIds(models, since),
  ]);
  return {
    generatedAt: now.toISOString(),
    learners,
    duplicatesMerged,
    badEmails: { invalid, undeliverable, sample: badSample.map((doc) => doc._id) },
    inactive: { days: options.inactiveDays, count: inactive.length, sample: inactive.slice(0, SAMPLE) },
  };
}
