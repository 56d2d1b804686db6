import { ageOn, ageRangeOf } from './age';

describe('ageOn', () => {
  const now = new Date('2025-06-15T12:00:00Z');
  test.each([
    ['2000-06-15', 25],
    ['2000-06-16', 24],
    ['2000-06-14', 25],
    ['2000-07-01', 24],
    ['2000-01-01', 25],
    ['2025-06-15', 0],
    ['2025-06-16', -1],
  ])('born %s → %d on 2025-06-15', (birthdate, age) => {
    expect(ageOn(birthdate, now)).toBe(age);
  });

  test('a 29 February birthday comes on 1 March in other years', () => {
    expect(ageOn('2004-02-29', new Date('2025-02-28T23:59:59Z'))).toBe(20);
    expect(ageOn('2004-02-29', new Date('2025-03-01T00:00:00Z'))).toBe(21);
  });
});

describe('ageRangeOf', () => {
  test.each([
    [0, undefined],
    [17, undefined],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [34, '25-34'],
    [35, '35-44'],
    [44, '35-44'],
    [45, '45-54'],
    [54, '45-54'],
    [55, '55-64'],
    [64, '55-64'],
    [65, '65+'],
    [110, '65+'],
  ])('%d → %s', (age, range) => {
    expect(ageRangeOf(age)).toBe(range);
  });
});
