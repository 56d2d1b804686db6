import { canonicalEventNames, traitsSchema } from '../domain/learners';
import { decodeBehaviourKey, type BehaviourSummary } from '../domain/segments';
import type { StoreModels } from '../store/connection';
import type { LearnerDocument } from '../store/models/learner';

/**
 * Event and trait names the workspace knows — the canonical ones plus those seen on a sample of
 * learners — so that rules and journeys naming anything else get a "probably a typo" warning.
 */
export async function knownNames(models: Pick<StoreModels, 'learners'>): Promise<{ events: Set<string>; traits: Set<string> }> {
  const events = new Set<string>(canonicalEventNames);
  const traits = new Set<string>(Object.keys(traitsSchema.shape));
  const sample = await models.learners.find({}, { traits: 1, behaviour: 1 }).limit(500).lean<Pick<LearnerDocument, 'traits' | 'behaviour'>[]>();
  for (const doc of sample) {
    Object.keys((doc.traits ?? {}) as object).forEach((trait) => traits.add(trait));
    Object.keys((doc.behaviour ?? {}) as BehaviourSummary).forEach((key) => events.add(decodeBehaviourKey(key)));
  }
  return { events, traits };
}
