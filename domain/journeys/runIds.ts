import { hash32 } from './hash';

const keyLimit = 64;
const unsafeKeyCharacters = /[^A-Za-z0-9_.-]/g;

/**
 * The key as it appears in a workflow id. A key that had to be changed (characters replaced or
 * shortened) gets a hash of the original, so that different keys never share a run.
 */
function keyPart(key: string): string {
  const safe = key.replace(unsafeKeyCharacters, '_');
  if (safe === key && key.length <= keyLimit) return key;
  const fingerprint = hash32(key).toString(16).padStart(8, '0');
  return `${safe.slice(0, keyLimit - fingerprint.length - 1)}_${fingerprint}`;
}

/**
 * The workflow id of a learner's run of a journey: readable in the Temporal UI, and deterministic, so
 * that starting a run that already exists is refused by Temporal rather than run twice.
 */
export function journeyRunId({ journeyId, learnerId, key }: { journeyId: string; learnerId: string; key?: string }): string {
  const base = `journey-${journeyId}-${learnerId}`;
  return key ? `${base}-${keyPart(key)}` : base;
}
