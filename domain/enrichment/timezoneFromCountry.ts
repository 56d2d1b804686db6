import { normaliseCountry } from '../normalise/country';
import { placeNameKey } from '../normalise/text';
import { countryTimezones } from './countryTimezones';
import { regionTimezones } from './regionTimezones';

// "Sverdlovsk Oblast", "Republic of Tatarstan", "Washington State" and "Northern Territory" name the
// same regions as "Sverdlovsk", "Tatarstan", "Washington" and "Northern".
const administrativeWords = new Set(['autonomous', 'krai', 'kray', 'oblast', 'of', 'okrug', 'province', 'region', 'republic', 'state', 'territory']);

function regionKey(region: string): string {
  return placeNameKey(region)
    .split(' ')
    .filter((word) => !administrativeWords.has(word))
    .join(' ');
}

let zonesByRegion: Map<string, Map<string, string>> | undefined;

/** Per country, region key → zone; built on first use. */
function regionIndex(): Map<string, Map<string, string>> {
  if (zonesByRegion) return zonesByRegion;
  zonesByRegion = new Map();
  for (const [country, { zones }] of Object.entries(regionTimezones)) {
    const index = new Map<string, string>();
    for (const [zone, regions] of Object.entries(zones)) {
      for (const region of regions) index.set(regionKey(region), zone);
    }
    zonesByRegion.set(country, index);
  }
  return zonesByRegion;
}

function zoneOfRegion(country: string, region: string | undefined): string | undefined {
  if (region === undefined) return undefined;
  // ISO 3166-2 codes arrive with their country prefix ("US-CA", "AU-NSW").
  const withoutCountry = region.trim().toUpperCase().startsWith(`${country}-`) ? region.trim().slice(country.length + 1) : region;
  const key = regionKey(withoutCountry);
  return key === '' ? undefined : regionIndex().get(country)?.get(key);
}

/**
 * The learner's likely IANA zone from their country (code or name) and, for countries with several
 * zones, their region (state or province code or name). Undefined when it cannot be told.
 */
export function guessTimezone(country?: string, region?: string): string | undefined {
  const code = normaliseCountry(country);
  if (!code) return undefined;
  const single = countryTimezones[code];
  if (single) return single;
  return zoneOfRegion(code, region) ?? regionTimezones[code]?.otherwise;
}
