import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { canonicalEventNames } from '../../domain/learners';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

describe('known names', () => {
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore('knownnames');
    built = await buildTestApp(store);
    app = built.app;
    admin = bearer((await new ApiKeys(store.models).create({ name: 'designer', kind: 'admin' })).secret);
    await built.runtime.ingestion.ingest(
      [
        { type: 'identify', userId: 'kim', traits: { email: 'kim@example.com', favouriteColour: 'teal' } },
        { type: 'track', userId: 'kim', event: 'Webinar Attended', properties: { webinarId: 'w-1' } },
      ],
      { source: 'api' },
    );
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  it('lists the canonical names and those seen on learners, sorted, for suggestions', async () => {
    const response = await app.inject({ url: '/api/segments/known-names', headers: admin });
    expect(response.statusCode).toBe(200);
    const { events, traits } = response.json() as { events: string[]; traits: string[] };
    expect(events).toEqual(expect.arrayContaining([...canonicalEventNames, 'Webinar Attended']));
    expect(traits).toEqual(expect.arrayContaining(['email', 'firstName', 'favouriteColour']));
    expect(events).toEqual([...events].sort());
    expect(traits).toEqual([...traits].sort());
    expect(new Set(events).size).toBe(events.length);
  });

  it('is not taken for a segment id, and needs an admin key', async () => {
    // The static path wins over /api/segments/:segmentId; a real segment id still reaches that route.
    expect((await app.inject({ url: '/api/segments/no-such-segment', headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/segments/known-names' })).statusCode).toBe(401);
    const write = bearer((await new ApiKeys(store.models).create({ name: 'website', kind: 'write' })).secret);
    expect((await app.inject({ url: '/api/segments/known-names', headers: write })).statusCode).toBe(403);
  });
});
