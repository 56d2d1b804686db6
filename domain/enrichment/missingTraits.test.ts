import { onlyMissingTraits } from './missingTraits';

describe('onlyMissingTraits', () => {
  test.each([
    [{}, { company: 'Acme' }, { company: 'Acme' }],
    [{ company: 'Initech' }, { company: 'Acme' }, {}],
    [{ company: null }, { company: 'Acme' }, { company: 'Acme' }],
    [{ company: '  ' }, { company: 'Acme' }, { company: 'Acme' }],
    [{ company: 0 }, { company: 'Acme' }, {}],
    [{ company: false }, { company: 'Acme' }, {}],
    [{}, { company: '', city: null, country: undefined, size: 0 }, { size: 0 }],
    [{ city: 'Paris' }, { company: 'Acme', city: 'Lyon' }, { company: 'Acme' }],
  ])('%j + %j → %j', (existing, candidates, expected) => {
    expect(onlyMissingTraits(existing, candidates)).toEqual(expected);
  });
});
