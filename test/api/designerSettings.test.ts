import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

describe('designer settings API', () => {
  let store: Store;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await openTestStore('designersettings');
    built = await buildTestApp(store);
    app = built.app;
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  it('tells an admin where the Temporal UI is, and nobody else', async () => {
    const admin = bearer((await new ApiKeys(store.models).create({ name: 'designer', kind: 'admin' })).secret);
    const write = bearer((await new ApiKeys(store.models).create({ name: 'tracker', kind: 'write' })).secret);
    const answer = await app.inject({ url: '/api/designer/settings', headers: admin });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ temporalUiUrl: 'http://localhost:8233', temporalNamespace: 'default' });
    expect((await app.inject({ url: '/api/designer/settings', headers: write })).statusCode).toBe(403);
    expect((await app.inject({ url: '/api/designer/settings' })).statusCode).toBe(401);
  });
});
