import countries from 'i18n-iso-countries';
import english from 'i18n-iso-countries/langs/en.json';
import { placeNameKey } from './text';

// Browser bundlers and the Temporal workflow bundle resolve the package's light "browser" entry,
// which registers no locale (its Node entry registers all of them). Registering English here makes
// name lookups behave the same everywhere; only this one JSON file enters a bundle.
countries.registerLocale(english);

/** Names people type that the English locale does not list: endonyms, nicknames, short forms. */
const extraNames: Record<string, string[]> = {
  AE: ['Emirates'],
  AT: ['Österreich'],
  BN: ['Brunei'],
  BR: ['Brasil'],
  CD: ['DR Congo', 'DRC', 'Congo-Kinshasa'],
  CG: ['Congo-Brazzaville'],
  CH: ['Schweiz', 'Suisse', 'Svizzera'],
  CN: ['PRC', 'Mainland China', 'Zhongguo', '中国'],
  CV: ['Cabo Verde'],
  CZ: ['Česko', 'Česká republika'],
  DE: ['Deutschland', 'Federal Republic of Germany'],
  DK: ['Danmark'],
  ES: ['España'],
  FI: ['Suomi'],
  GB: ['Britain', 'England', 'Scotland', 'Wales', 'Northern Ireland', 'United Kingdom of Great Britain and Northern Ireland'],
  GR: ['Hellas', 'Ελλάδα'],
  HK: ['Hong Kong SAR'],
  IE: ['Éire', 'Republic of Ireland'],
  IN: ['Bharat', 'भारत'],
  IT: ['Italia'],
  JP: ['Nippon', 'Nihon', '日本'],
  KR: ['Korea', '대한민국', '한국'],
  MM: ['Burma'],
  MO: ['Macau'],
  NL: ['Holland', 'Nederland'],
  NO: ['Norge'],
  PL: ['Polska'],
  RU: ['Россия'],
  SA: ['KSA', 'Saudi'],
  SE: ['Sverige'],
  SY: ['Syria'],
  TL: ['East Timor'],
  US: ['America'],
  VA: ['Vatican', 'Vatican City'],
  VN: ['Viet Nam'],
};

/** "Moldova, Republic of" and "Sint Maarten (Dutch part)" are also written without their qualifier. */
function shortForms(name: string): string[] {
  const forms = [name];
  const beforeComma = name.split(',')[0];
  if (beforeComma && beforeComma !== name) forms.push(beforeComma);
  const withoutParentheses = name.replace(/\s*\(.*\)\s*/g, ' ').trim();
  if (withoutParentheses !== name) forms.push(withoutParentheses);
  return forms;
}

let nameIndex: Map<string, string> | undefined;

/** Built on first use; a name shared by two countries ("Congo") is left out rather than guessed. */
function countryByName(): Map<string, string> {
  if (nameIndex) return nameIndex;
  const candidates = new Map<string, Set<string>>();
  const add = (name: string, code: string) => {
    const key = placeNameKey(name);
    if (key === '') return;
    const codes = candidates.get(key) ?? new Set<string>();
    codes.add(code);
    candidates.set(key, codes);
  };
  for (const [code, names] of Object.entries(countries.getNames('en', { select: 'all' }))) {
    for (const name of names) shortForms(name).forEach((form) => add(form, code));
    for (const name of extraNames[code] ?? []) add(name, code);
  }
  nameIndex = new Map();
  for (const [key, codes] of candidates) {
    const [only] = codes;
    if (codes.size === 1 && only) nameIndex.set(key, only);
  }
  return nameIndex;
}

/** ISO 3166-1 alpha-2 code from an alpha-2 or alpha-3 code or an English (or common local) name. */
export function normaliseCountry(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const text = input.trim();
  if (/^[a-z]{2}$/i.test(text) && countries.isValid(text.toUpperCase())) return text.toUpperCase();
  if (/^[a-z]{3}$/i.test(text)) {
    const fromAlpha3 = countries.alpha3ToAlpha2(text.toUpperCase());
    if (fromAlpha3) return fromAlpha3;
  }
  return countryByName().get(placeNameKey(text));
}
