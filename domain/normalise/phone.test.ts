import { normalisePhone } from './phone';

describe('normalisePhone', () => {
  test.each([
    ['+1 212 555 0100', undefined, '+12125550100'],
    ['+1 (415) 555-2671', undefined, '+14155552671'],
    ['(415) 555-2671', 'US', '+14155552671'],
    ['415.555.2671', 'us', '+14155552671'],
    ['1-415-555-2671', 'US', '+14155552671'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['07911 123456', 'GB', '+447911123456'],
    ['0044 7911 123456', 'GB', '+447911123456'],
    ['030 901820', 'DE', '+4930901820'],
    ['+49 (0)30 901820', undefined, '+4930901820'],
    ['+91 98765 43210', undefined, '+919876543210'],
    ['+1 212 555 0100 ext. 12', undefined, '+12125550100'],
    ['+٤٤ ٧٩١١ ١٢٣٤٥٦', undefined, '+447911123456'],
    [14155552671, 'US', '+14155552671'],
    // A country prefix wins over the default country.
    ['+33 1 42 68 53 00', 'GB', '+33142685300'],
  ])('%j (default %s) → %s', (input, country, expected) => {
    expect(normalisePhone(input, country)).toBe(expected);
  });

  test.each([
    ['(415) 555-2671', undefined],
    ['0044 7911 123456', undefined],
    ['020 7946 0958', 'XX'],
    ['12345', 'US'],
    ['+1 800 FLOWERS', undefined],
    // Right length for Singapore but not a number the plan allocates.
    ['+65 9912 3456', undefined],
    ['call me on +44 7911 123456', undefined],
    ['not a phone', 'US'],
    ['', 'US'],
    ['   ', 'US'],
    [null, 'US'],
    [undefined, 'US'],
    [-14155552671, 'US'],
    [4.5, 'US'],
    [{ number: '+14155552671' }, undefined],
    [['+14155552671'], undefined],
  ])('%j (default %s) is not a valid number', (input, country) => {
    expect(normalisePhone(input, country)).toBeUndefined();
  });
});
