import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ingestion } from '../pipeline';
import type { Store } from '../../store/connection';
import { dropAndClose, openTestStore } from '../../test/support/env';
import { withCacheAndRateLimit } from './cachedEnricher';
import { enrichOnEmailChange } from './enrichOnChange';
import { createHttpEnricher } from './httpEnricher';

describe('third-party enrichment when an email changes', () => {
  let store: Store;
  let server: http.Server;
  const asked: string[] = [];

  beforeAll(async () => {
    store = await openTestStore('enrich_on_change');
    server = http.createServer((request, response) => {
      const email = new URL(request.url ?? '/', 'http://x').searchParams.get('email') ?? '';
      asked.push(email);
      if (email.startsWith('nobody')) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ company: 'Acme Learning', jobTitle: 'Head of Design', city: 'Should Not Win' }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.close();
    await dropAndClose(store);
  });

  it('adds what the provider knows, keeps what the learner said, and respects do-not-sell', async () => {
    const ingestion = new Ingestion(store.models);
    const { port } = server.address() as AddressInfo;
    const enricher = withCacheAndRateLimit(createHttpEnricher({ name: 'test', url: `http://127.0.0.1:${port}/person?email={email}` }), { models: store.models, ttlMs: 60_000, maxPerMinute: 100 });
    const enrichment = enrichOnEmailChange({ ingestion, models: store.models, enricher, onError: (error) => { throw error; } });

    const ada = await ingestion.ingest([{ type: 'identify', userId: 'ada', traits: { email: 'ada@acme.example', city: 'Lagos' } }], { source: 'api' });
    const optedOut = await ingestion.ingest([{ type: 'identify', userId: 'ben', traits: { email: 'ben@acme.example', doNotSellOrShare: true } }], { source: 'api' });
    await enrichment.idle();

    expect((await store.models.learners.findById(ada.learnerIds[0]).lean())?.traits).toMatchObject({ company: 'Acme Learning', jobTitle: 'Head of Design', city: 'Lagos', seniority: 'director' });
    expect((await store.models.learners.findById(optedOut.learnerIds[0]).lean())?.traits).not.toHaveProperty('company');
    expect(asked).toEqual(['ada@acme.example']);
    expect(await store.models.learnerEvents.countDocuments({ source: 'enrichment' })).toBe(1);
    enrichment.unsubscribe();
  });
});
