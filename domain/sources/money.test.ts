import { toMajorUnits } from './money';

describe('minor units to major units', () => {
  it('divides by the currency’s decimals', () => {
    expect(toMajorUnits(1999, 'USD')).toBe(19.99);
    expect(toMajorUnits(500, 'JPY')).toBe(500);
    expect(toMajorUnits(12345, 'KRW')).toBe(12345);
    expect(toMajorUnits(1500, 'KWD')).toBe(1.5);
  });

  it('treats ISK as Stripe sends it, with two decimals for backwards compatibility', () => {
    expect(toMajorUnits(50000, 'ISK')).toBe(500);
  });
});
