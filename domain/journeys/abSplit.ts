import { hash32 } from './hash';

export interface WeightedVariant {
  id: string;
  weight: number;
}

/**
 * The variant a learner takes at a split: a pure function of the seed (journeyId:nodeId:learnerId),
 * so a replayed or restarted run takes the same one, and learners spread in proportion to the
 * weights. Weights are shares of their total, which compileJourney makes 100.
 */
export function chooseVariant(seed: string, variants: readonly WeightedVariant[]): string {
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  const point = (hash32(seed) / 2 ** 32) * total;
  let reached = 0;
  for (const variant of variants) {
    reached += variant.weight;
    if (point < reached) return variant.id;
  }
  throw new Error('A split needs a variant with a positive weight');
}
