/**
 * Column headers as exported by other tools ("Country/Region", "State / Region", "E-mail") are
 * matched loosely and turned into trait names the store accepts (no "." and no leading "$").
 */

const words = (header: string) =>
  header
    .normalize('NFKD')
    // Accents go so that "Prénom" becomes "prenom", not "pr" + "nom".
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);

/** The key headers are compared by: case, spacing and punctuation do not matter. */
export function headerKey(header: string): string {
  return words(header).join('').toLowerCase();
}

const MAX_TRAIT_NAME_LENGTH = 255;

/** A camelCase trait name for a header ("Last Activity Date" → "lastActivityDate"); `column3` if it has no letters or digits. */
export function traitNameFor(header: string, position: number): string {
  const parts = words(header).map((word) => word.toLowerCase());
  if (parts.length === 0) return `column${position}`;
  const [first, ...rest] = parts;
  return (first + rest.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('')).slice(0, MAX_TRAIT_NAME_LENGTH);
}

/** Whether the store can hold `name` as a key (the same rule the ingestion schema applies). */
export function isStorableTraitName(name: string): boolean {
  return name.length > 0 && name.length <= MAX_TRAIT_NAME_LENGTH && !name.startsWith('$') && !name.includes('.') && !name.includes('\u0000');
}
