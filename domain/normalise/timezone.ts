/**
 * IANA time zone names. Runtimes list zones under the spelling of their ICU version (Node 20 says
 * "Asia/Calcutta", newer ICU "Asia/Kolkata"), so names IANA has since renamed are rewritten to the
 * current spelling: the same input then gives the same trait in the API, a workflow and the browser.
 */

/** Old spelling → current IANA spelling, for the renames that ICU still lists under the old one. */
const renamedZones: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** Every spelling of Coordinated Universal Time becomes the one name segment rules can compare. */
const utcNames = ['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'UCT', 'Etc/UCT', 'Universal', 'Etc/Universal', 'Zulu', 'Etc/Zulu'];

const current = (zone: string) => renamedZones[zone] ?? zone;

let zonesByLowerCaseName: Map<string, string> | undefined;

function knownZones(): Map<string, string> {
  if (zonesByLowerCaseName) return zonesByLowerCaseName;
  zonesByLowerCaseName = new Map();
  for (const zone of Intl.supportedValuesOf('timeZone')) zonesByLowerCaseName.set(zone.toLowerCase(), current(zone));
  for (const [old, renamed] of Object.entries(renamedZones)) {
    zonesByLowerCaseName.set(old.toLowerCase(), renamed);
    zonesByLowerCaseName.set(renamed.toLowerCase(), renamed);
  }
  for (const name of utcNames) zonesByLowerCaseName.set(name.toLowerCase(), 'UTC');
  return zonesByLowerCaseName;
}

/** The runtime's own resolution of a zone it accepts but does not list (links such as "US/Eastern"). */
function resolveLink(name: string): string | undefined {
  try {
    return current(new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone);
  } catch {
    return undefined;
  }
}

/** A valid IANA zone name in its canonical spelling, matched case-insensitively. */
export function normaliseTimezone(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const name = input.trim();
  const known = knownZones().get(name.toLowerCase());
  if (known) return known;
  // Only Area/Location names: one-word legacy zones are mostly abbreviations that mislead
  // ("EST" is a fixed UTC-5 zone that Intl resolves to America/Panama, not US Eastern time).
  return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(name) ? resolveLink(name) : undefined;
}
