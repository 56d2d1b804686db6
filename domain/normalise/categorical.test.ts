import { mapCategory, type CategoryMaps } from './categorical';

const maps: CategoryMaps = {
  plan: { pro: 'Pro', professional: 'Pro', 'pro plan': 'Pro', free: 'Free', 'free tier': 'Free' },
  industry: { 'ed tech': 'EdTech', edtech: 'EdTech', 'higher ed': 'Higher Education' },
};

describe('mapCategory', () => {
  test.each([
    ['plan', 'pro', 'Pro'],
    ['plan', 'PRO', 'Pro'],
    ['plan', '  Professional ', 'Pro'],
    ['plan', 'Pro   Plan', 'Pro'],
    ['plan', 'free TIER', 'Free'],
    // A canonical value matches itself without being listed as a raw value.
    ['industry', 'Higher Education', 'Higher Education'],
    ['industry', 'higher education', 'Higher Education'],
    ['industry', 'Ed Tech', 'EdTech'],
  ])('%s %j → %s', (trait, value, expected) => {
    expect(mapCategory(trait, value, maps)).toBe(expected);
  });

  test.each([
    ['plan', 'enterprise'],
    ['plan', ''],
    ['plan', 3],
    ['plan', null],
    ['plan', undefined],
    ['plan', ['pro']],
    ['plan', { name: 'pro' }],
    ['company', 'pro'],
    // Inherited object properties are not maps.
    ['toString', 'pro'],
    ['constructor', 'Object'],
  ])('%s %j has no mapping', (trait, value) => {
    expect(mapCategory(trait, value, maps)).toBeUndefined();
  });
});
