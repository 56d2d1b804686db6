import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiKeys } from '../../api/keys/apiKeys';
import { errorBodySchema } from '../../domain/errors';
import { startFerretDb } from '../../stack/services/ferretdb';
import { findFreePort } from '../../stack/services/ports';
import type { RunningService } from '../../stack/services/runningService';
import { locateFerretDb } from '../../stack/tools/ferretdb';
import { Store } from '../../store/connection';
import { buildTestApp, bearer } from '../support/app';
import { testConfig } from '../support/env';

/** A FerretDB of this test's own, so stopping it leaves the other test files' store alone. */
async function ownFerretDb(port: number, dataDir: string): Promise<RunningService> {
  const location = await locateFerretDb({ toolsDir: testConfig().toolsDir, ferretDbBin: process.env.FERRETDB_BIN, onLine: () => undefined });
  return startFerretDb({ location, port, dataDir, onLine: () => undefined });
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await probe();
  }
  return last;
}

describe('when a dependency goes away', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'outage-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('answers 503 naming the store while it is down, and recovers without a restart when it returns', async () => {
    const port = await findFreePort();
    let ferret = await ownFerretDb(port, dataDir);
    const store = Store.open({ uri: `mongodb://127.0.0.1:${port}/`, database: 'outage' });
    await store.waitUntilConnected(30_000);
    const { app, close } = await buildTestApp(store);
    try {
      const { secret } = await new ApiKeys(store.models).create({ name: 'ops', kind: 'admin' });
      expect((await app.inject('/ready')).statusCode).toBe(200);

      await ferret.stop();
      const notReady = await app.inject('/ready');
      expect(notReady.statusCode).toBe(503);
      const error = errorBodySchema.parse(notReady.json()).error;
      expect(error.code).toBe('not_ready');
      expect(error.message).toMatch(/store/);
      expect(error.details).toMatchObject({ unavailable: ['store'] });

      const route = await app.inject({ url: '/api/keys', headers: bearer(secret) });
      expect(route.statusCode).toBe(503);
      expect(errorBodySchema.parse(route.json()).error.code).toBe('store_unavailable');

      ferret = await ownFerretDb(port, dataDir);
      const ready = await eventually(() => app.inject('/ready'), (response) => response.statusCode === 200);
      expect(ready.statusCode).toBe(200);
      // The key written before the outage is still there: the store kept its files.
      const after = await eventually(() => app.inject({ url: '/api/keys', headers: bearer(secret) }), (response) => response.statusCode === 200);
      expect(after.statusCode).toBe(200);
    } finally {
      await close();
      await store.close();
      await ferret.stop();
    }
  });

  it('starts while the store is down and connects once it appears', async () => {
    const port = await findFreePort();
    const store = Store.open({ uri: `mongodb://127.0.0.1:${port}/`, database: 'late', serverSelectionTimeoutMs: 1_000 });
    const { app, close } = await buildTestApp(store);
    let ferret: RunningService | undefined;
    try {
      const down = await app.inject('/ready');
      expect(down.statusCode).toBe(503);
      expect(down.json().error.details.unavailable).toEqual(['store']);
      expect((await app.inject({ url: '/api/keys', headers: bearer('cj_admin_x') })).statusCode).toBe(503);

      ferret = await ownFerretDb(port, path.join(dataDir, 'late'));
      const ready = await eventually(() => app.inject('/ready'), (response) => response.statusCode === 200);
      expect(ready.statusCode).toBe(200);
    } finally {
      await close();
      await store.close();
      await ferret?.stop();
    }
  });

  it('answers 503 naming Temporal when Temporal cannot be reached', async () => {
    const store = Store.open({ uri: testConfig().store.uri, database: 'temporal_down' });
    await store.waitUntilConnected(30_000);
    const { app, close } = await buildTestApp(store, { temporalAddress: `127.0.0.1:${await findFreePort()}` });
    try {
      const response = await app.inject('/ready');
      expect(response.statusCode).toBe(503);
      const error = errorBodySchema.parse(response.json()).error;
      expect(error.details).toMatchObject({ unavailable: ['temporal'] });
      expect(error.message).toMatch(/temporal/);
    } finally {
      await close();
      await store.close();
    }
  });
});
