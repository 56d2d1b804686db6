// The "max" metadata carries each country's number patterns, so isValid() checks the digits and not
// only the length ("min" would accept any number of the right length, e.g. +65 9912 3456).
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 form (`+442079460958`), or undefined when the input is not a valid number.
 * `defaultCountry` (ISO alpha-2) is how numbers written in national form are read; without it only
 * numbers with a `+` country prefix can be understood. Extensions are dropped (E.164 has none).
 */
export function normalisePhone(input: unknown, defaultCountry?: string): string | undefined {
  // Spreadsheets and forms sometimes send the digits as a number.
  const text = typeof input === 'number' && Number.isSafeInteger(input) && input > 0 ? String(input) : input;
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const country = defaultCountry?.toUpperCase();
  const parsed = parsePhoneNumberFromString(text, {
    defaultCountry: country !== undefined && isSupportedCountry(country) ? country : undefined,
    // The whole value must be the number: "call me on +44…" is a note, not a phone trait.
    extract: false,
  });
  return parsed?.isValid() ? parsed.number : undefined;
}
