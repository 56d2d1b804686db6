import { placeNameKey } from './text';

describe('placeNameKey', () => {
  test.each([
    ['Côte d’Ivoire', 'cote divoire'],
    ["  COTE D'IVOIRE ", 'cote divoire'],
    ['St. Lucia', 'saint lucia'],
    ['Saint Kitts & Nevis', 'saint kitts and nevis'],
    ['The Bahamas', 'bahamas'],
    ['the', 'the'],
    ['Korea, Republic of', 'korea republic of'],
    ['Guinea-Bissau', 'guinea bissau'],
    ['U.S.A.', 'usa'],
    ['Østfold', 'østfold'],
    ['Россия', 'россия'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(placeNameKey(input)).toBe(expected);
  });
});
