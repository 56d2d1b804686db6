/** Splitting a full name into first and last name, for learners who only gave "name". */

const honorifics = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame']);
// "John Smith, Jr." has a comma that does not mean "Last, First".
const commaBeforeSuffix = /,\s*((jr|sr|ii|iii|iv|phd|md)\.?)$/i;

export interface NameParts {
  firstName?: string;
  lastName?: string;
}

/**
 * "Jane Doe" → Jane / Doe, "Doe, Jane" → Jane / Doe, "Dr. Jane van der Berg" → Jane / van der Berg,
 * "Cher" → Cher / –. Everything after the first given name is the last name, which keeps particles
 * ("van", "de la") with the family name; middle names go there too, a choice people rarely mind.
 */
export function splitName(fullName: string): NameParts {
  const name = fullName.trim().replace(/\s+/g, ' ').replace(commaBeforeSuffix, ' $1').replace(/^[\s,]+|[\s,]+$/g, '');
  if (name === '' || name.includes('@')) return {};
  const comma = name.indexOf(',');
  if (comma > 0) {
    const lastName = name.slice(0, comma).trim();
    const firstName = name.slice(comma + 1).trim();
    return firstName && lastName ? { firstName, lastName } : splitName(name.replace(',', ' '));
  }
  const words = name.split(' ');
  while (words.length > 1 && honorifics.has((words[0] ?? '').replace(/\.$/, '').toLowerCase())) words.shift();
  const [firstName, ...rest] = words;
  return rest.length > 0 ? { firstName, lastName: rest.join(' ') } : { firstName };
}
