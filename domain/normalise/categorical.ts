/**
 * Workspace-defined vocabularies for free-text traits, e.g.
 * `{ plan: { pro: 'Pro', professional: 'Pro', 'pro plan': 'Pro' } }`. Raw values match
 * case-insensitively and ignoring surrounding and repeated spaces; a canonical value also matches
 * itself, so maps need not list it.
 */
export type CategoryMaps = Record<string /* trait */, Record<string /* raw, case-insensitive */, string /* canonical */>>;

const comparable = (value: string) => value.trim().replace(/\s+/g, ' ').toLowerCase();

/** The canonical value for `value` of `trait`, or undefined when the maps have no entry for it. */
export function mapCategory(trait: string, value: unknown, maps: CategoryMaps): string | undefined {
  if (typeof value !== 'string' || !Object.hasOwn(maps, trait)) return undefined;
  const map = maps[trait] ?? {};
  const wanted = comparable(value);
  for (const [raw, canonical] of Object.entries(map)) {
    if (comparable(raw) === wanted) return canonical;
  }
  return Object.values(map).find((canonical) => comparable(canonical) === wanted);
}
