/** Absent, cleared (null) or blank: a trait that enrichment may fill in. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/**
 * The candidates for traits the learner does not have yet. Enrichment only ever adds: what the
 * learner or an integration said about themselves wins over any guess or provider.
 */
export function onlyMissingTraits(existing: Record<string, unknown>, candidates: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(candidates).filter(([trait, value]) => !isMissing(value) && isMissing(existing[trait])));
}
