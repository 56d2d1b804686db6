/**
 * Comparison form of a place name typed by a person: accents, case, punctuation, a leading "the" and
 * the "St." abbreviation do not matter ("Côte d'Ivoire" = "cote divoire", "St. Lucia" = "Saint Lucia").
 */
export function placeNameKey(name: string): string {
  const words = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '')
    .map((word) => (word === 'st' ? 'saint' : word));
  if (words[0] === 'the' && words.length > 1) words.shift();
  return words.join(' ');
}
