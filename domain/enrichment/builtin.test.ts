import { enrichTraits } from './builtin';

describe('enrichTraits', () => {
  test('derives every trait it can', () => {
    expect(enrichTraits({ email: 'jane@acme.com', country: 'US', region: 'TX', jobTitle: 'VP Marketing' })).toEqual({
      emailDomain: 'acme.com',
      emailDomainKind: 'company',
      timezone: 'America/Chicago',
      seniority: 'vp',
      department: 'marketing',
    });
  });

  test('never replaces a trait the learner has', () => {
    const traits = {
      email: 'jane@gmail.com',
      emailDomain: 'custom',
      emailDomainKind: 'company',
      country: 'GB',
      timezone: 'America/New_York',
      jobTitle: 'CTO',
      seniority: 'founder',
      department: 'product',
    };
    expect(enrichTraits(traits)).toEqual({});
  });

  test('fills traits that are cleared or blank', () => {
    expect(enrichTraits({ country: 'JP', timezone: null })).toEqual({ timezone: 'Asia/Tokyo' });
    expect(enrichTraits({ country: 'JP', timezone: ' ' })).toEqual({ timezone: 'Asia/Tokyo' });
  });

  test.each([
    [{}, {}],
    [{ email: 'not an email' }, {}],
    [{ email: 'jane@gmail.com', emailStatus: 'invalid' }, {}],
    [{ email: ' JANE@Gmail.com ' }, { emailDomain: 'gmail.com', emailDomainKind: 'free' }],
    [{ email: 'jane@mailinator.com' }, { emailDomain: 'mailinator.com', emailDomainKind: 'disposable' }],
    [{ email: 'jane@ox.ac.uk' }, { emailDomain: 'ox.ac.uk', emailDomainKind: 'education' }],
    [{ email: 42 }, {}],
    [{ country: 'US' }, {}],
    [{ country: 'CA', region: 'Ontario' }, { timezone: 'America/Toronto' }],
    [{ country: 'Deutschland' }, { timezone: 'Europe/Berlin' }],
    [{ country: 49 }, {}],
    [{ country: 'US', region: 6 }, {}],
    [{ jobTitle: 'Teacher' }, { seniority: 'individual contributor', department: 'education' }],
    [{ jobTitle: 'CEO' }, { seniority: 'c-level' }],
    [{ jobTitle: 'Retired' }, {}],
    [{ jobTitle: '' }, {}],
    [{ jobTitle: ['CTO'] }, {}],
  ])('%j → %j', (traits, expected) => {
    expect(enrichTraits(traits)).toEqual(expected);
  });
});
