import { enrichWithThirdParty } from './enrichLearner';
import { type ThirdPartyEnricher } from './httpEnricher';

/** A provider that knows one person (null: nobody), recording which addresses it was sent. */
function fakeEnricher(answer: Record<string, unknown> | null = { company: 'Acme', jobTitle: 'CTO', city: 'Berlin' }) {
  const sent: string[] = [];
  const enricher: ThirdPartyEnricher = {
    name: 'people',
    lookup: async (email) => {
      sent.push(email);
      return answer ?? undefined;
    },
  };
  return { enricher, sent };
}

describe('enrichWithThirdParty', () => {
  test('adds what the provider knows', async () => {
    const { enricher, sent } = fakeEnricher();
    expect(await enrichWithThirdParty({ email: 'jane@acme.com' }, {}, enricher)).toEqual({ company: 'Acme', jobTitle: 'CTO', city: 'Berlin' });
    expect(sent).toEqual(['jane@acme.com']);
  });

  test('sends the normalised address', async () => {
    const { enricher, sent } = fakeEnricher();
    await enrichWithThirdParty({ email: '  Jane@ACME.com ' }, { doNotSellOrShare: false }, enricher);
    expect(sent).toEqual(['jane@acme.com']);
  });

  test('never overwrites what the learner has', async () => {
    const { enricher } = fakeEnricher();
    const traits = { email: 'jane@acme.com', company: 'Initech', jobTitle: '', city: null };
    expect(await enrichWithThirdParty(traits, {}, enricher)).toEqual({ jobTitle: 'CTO', city: 'Berlin' });
  });

  test('a learner who opted out of sale or sharing is not sent to the provider', async () => {
    const { enricher, sent } = fakeEnricher();
    expect(await enrichWithThirdParty({ email: 'jane@acme.com' }, { doNotSellOrShare: true }, enricher)).toEqual({});
    expect(sent).toEqual([]);
  });

  test.each([
    [{}],
    [{ email: '' }],
    [{ email: 'not-an-email' }],
    [{ email: 'jane@acme' }],
    [{ email: 42 }],
    [{ email: null }],
    [{ email: ['jane@acme.com'] }],
    [{ email: 'jane@acme.com', emailStatus: 'invalid' }],
  ])('%j has no address to look up', async (traits) => {
    const { enricher, sent } = fakeEnricher();
    expect(await enrichWithThirdParty(traits, {}, enricher)).toEqual({});
    expect(sent).toEqual([]);
  });

  test('nothing found adds nothing', async () => {
    const { enricher } = fakeEnricher(null);
    expect(await enrichWithThirdParty({ email: 'jane@acme.com' }, {}, enricher)).toEqual({});
  });
});
