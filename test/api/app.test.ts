import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { ApiKeys, hashSecret } from '../../api/keys/apiKeys';
import { errorBodySchema } from '../../domain/errors';
import type { Store } from '../../store/connection';
import { buildTestApp, bearer } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

describe('API skeleton on the real store and Temporal', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let adminSecret: string;
  let writeSecret: string;
  const designerRoot = mkdtempSync(path.join(os.tmpdir(), 'designer-'));

  beforeAll(async () => {
    writeFileSync(path.join(designerRoot, 'index.html'), '<!doctype html><title>designer</title>');
    store = await openTestStore('api');
    ({ app, close } = await buildTestApp(store, { designerRoot }));
    const keys = new ApiKeys(store.models);
    adminSecret = (await keys.create({ name: 'test admin', kind: 'admin' })).secret;
    writeSecret = (await keys.create({ name: 'test writer', kind: 'write' })).secret;
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  const expectErrorShape = (body: string, code: string) => {
    const parsed = errorBodySchema.parse(JSON.parse(body));
    expect(parsed.error.code).toBe(code);
    expect(parsed.error.requestId).toBeTruthy();
    return parsed.error;
  };

  it('answers liveness and readiness with both dependencies checked', async () => {
    expect((await app.inject('/health')).json()).toMatchObject({ status: 'ok' });
    const ready = await app.inject('/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({
      status: 'ready',
      checks: [
        { name: 'store', ok: true },
        { name: 'temporal', ok: true },
      ],
    });
  });

  it('keeps a caller-supplied request id and makes one up otherwise', async () => {
    const given = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-42' } });
    expect(given.headers['x-request-id']).toBe('trace-42');
    const generated = await app.inject('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects management routes without a key, with an unknown key, and with a write key', async () => {
    const missing = await app.inject('/api/keys');
    expect(missing.statusCode).toBe(401);
    expectErrorShape(missing.body, 'unauthorized');

    const unknown = await app.inject({ url: '/api/keys', headers: bearer('cj_admin_not-a-real-key') });
    expect(unknown.statusCode).toBe(401);

    const writeKey = await app.inject({ url: '/api/keys', headers: bearer(writeSecret) });
    expect(writeKey.statusCode).toBe(403);
    expect(expectErrorShape(writeKey.body, 'forbidden').details).toEqual({ keyKind: 'write', required: ['admin'] });
  });

  it('accepts an admin key as Bearer or as the Basic-auth user name, and never lists secrets', async () => {
    const viaBearer = await app.inject({ url: '/api/keys', headers: bearer(adminSecret) });
    expect(viaBearer.statusCode).toBe(200);
    const basic = Buffer.from(`${adminSecret}:`).toString('base64');
    expect((await app.inject({ url: '/api/keys', headers: { authorization: `Basic ${basic}` } })).statusCode).toBe(200);
    expect(viaBearer.body).not.toContain(adminSecret);
    expect(viaBearer.body).not.toContain(hashSecret(adminSecret));
    expect(viaBearer.json().keys.map((key: { kind: string }) => key.kind).sort()).toEqual(['admin', 'write']);
  });

  it('stores only a hash of each secret', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/keys', headers: bearer(adminSecret), payload: { name: 'Teachable webhook', kind: 'write' } });
    expect(created.statusCode).toBe(201);
    const { id, secret } = created.json();
    const stored = await store.models.apiKeys.findById(id).lean();
    expect(stored?.secretHash).toBe(hashSecret(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('names every invalid field with its path', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/keys', headers: bearer(adminSecret), payload: { kind: 'root', name: '' } });
    expect(response.statusCode).toBe(400);
    const error = expectErrorShape(response.body, 'validation_failed');
    const details = error.details as { location: string; issues: { path: (string | number)[] }[] };
    expect(details.location).toBe('body');
    expect(details.issues.map((issue) => issue.path)).toEqual(expect.arrayContaining([['kind'], ['name']]));
    expect(error.message).toMatch(/kind/);
  });

  it('answers malformed JSON, oversized bodies and unknown routes with the error shape', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/keys', headers: { ...bearer(adminSecret), 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
    expectErrorShape(malformed.body, 'validation_failed');

    const huge = await app.inject({ method: 'POST', url: '/api/keys', headers: bearer(adminSecret), payload: { name: 'x'.repeat(2 * 1024 * 1024), kind: 'write' } });
    expect(huge.statusCode).toBe(413);
    expectErrorShape(huge.body, 'payload_too_large');

    const missing = await app.inject({ url: '/api/nothing-here', headers: { accept: 'application/json' } });
    expect(missing.statusCode).toBe(404);
    expectErrorShape(missing.body, 'not_found');
  });

  it('revokes a key, which stops working at once', async () => {
    const keys = new ApiKeys(store.models);
    const doomed = await keys.create({ name: 'short-lived', kind: 'admin' });
    expect((await app.inject({ url: '/api/keys', headers: bearer(doomed.secret) })).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/keys/${doomed.id}`, headers: bearer(adminSecret) });
    expect(revoked.json().revokedAt).toBeTruthy();
    expect((await app.inject({ url: '/api/keys', headers: bearer(doomed.secret) })).statusCode).toBe(401);
    expect((await app.inject({ method: 'DELETE', url: '/api/keys/key_unknown', headers: bearer(adminSecret) })).statusCode).toBe(404);
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const spec = (await app.inject('/docs/json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(spec.paths['/api/keys'].post.requestBody.content['application/json'].schema.properties.kind.enum).toEqual(['write', 'operator', 'admin']);
    expect(spec.paths['/ready']).toBeDefined();
    expect((await app.inject('/docs')).statusCode).toBeLessThan(400);
  });

  it('serves the designer for page requests and keeps API paths as JSON', async () => {
    const page = await app.inject({ url: '/journeys/welcome', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>designer</title>');
    const apiPath = await app.inject({ url: '/api/unknown', headers: { accept: 'text/html' } });
    expect(apiPath.statusCode).toBe(404);
    expectErrorShape(apiPath.body, 'not_found');
  });

  it('answers CORS preflights for configured origins only', async () => {
    const allowed = await app.inject({ method: 'OPTIONS', url: '/api/keys', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    const other = await app.inject({ method: 'OPTIONS', url: '/api/keys', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  it('answers 429 with the error shape once a client exceeds the limit', async () => {
    const store = await openTestStore('ratelimit');
    const { app, close } = await buildTestApp(store, { env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await app.inject('/api/keys')).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      const limited = await app.inject('/api/keys');
      expect(errorBodySchema.parse(limited.json()).error.code).toBe('rate_limited');
    } finally {
      await close();
      await dropAndClose(store);
    }
  });
});

describe('first admin key', () => {
  it('is created exactly once, even when several API processes start together', async () => {
    const store = await openTestStore('firstkey');
    try {
      const keys = new ApiKeys(store.models);
      const secrets = await Promise.all(Array.from({ length: 5 }, () => keys.ensureFirstAdminKey()));
      expect(secrets.filter(Boolean)).toHaveLength(1);
      expect(await keys.verify(secrets.find(Boolean)!)).toMatchObject({ kind: 'admin' });
      expect(await keys.ensureFirstAdminKey()).toBeUndefined();
    } finally {
      await dropAndClose(store);
    }
  });
});
