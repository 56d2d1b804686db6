/**
 * Minor-unit amounts (what payment platforms send) to major units (what `revenue` means in our events).
 *
 * The exponents follow Stripe's documented representation, which the course platforms' payment
 * processors share: zero-decimal currencies are sent as whole units (¥500 is `500`), three-decimal
 * currencies in thousandths, every other currency in hundredths. Stripe sends ISK, HUF and TWD with
 * two decimals for backwards compatibility even where ISO 4217 has none, so they are left at 100.
 */
const zeroDecimalCurrencies = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const threeDecimalCurrencies = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** How many minor units make one major unit of the currency (upper-case ISO 4217 code). */
export function minorUnitsPerMajor(currency: string): number {
  if (zeroDecimalCurrencies.has(currency)) return 1;
  if (threeDecimalCurrencies.has(currency)) return 1000;
  return 100;
}

/** `1999` USD → `19.99`; `500` JPY → `500`; `1500` KWD → `1.5`. */
export function toMajorUnits(minorAmount: number, currency: string): number {
  return minorAmount / minorUnitsPerMajor(currency);
}
