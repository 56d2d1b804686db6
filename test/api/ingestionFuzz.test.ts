import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import { buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

/**
 * ≥ 10,000 generated malformed requests across the ingestion routes: every one must get a 4xx (or,
 * for a webhook event type nobody maps, a 200 "ignored"), none a 5xx, and the store must be exactly
 * as before — rejected requests leave nothing behind.
 */
describe('ingestion under malformed input', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let writeKey: string;
  let sent = 0;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    store = await openTestStore('fuzz');
    ({ app, close } = await buildTestApp(store, { env: { TEACHABLE_WEBHOOK_SECRET: 'fuzz-secret', KAJABI_WEBHOOK_SECRET: 'fuzz-secret', THINKIFIC_WEBHOOK_SECRET: 'fuzz-secret', STRIPE_WEBHOOK_SECRET: 'whsec_fuzz' } }));
    writeKey = (await new ApiKeys(store.models).create({ name: 'fuzz', kind: 'write' })).secret;
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  const counts = async () =>
    Object.fromEntries(await Promise.all(['learners', 'learnerEvents', 'identities', 'writeClaims'].map(async (name) => [name, await store.models[name as 'learners'].countDocuments()])));

  async function send(url: string, payload: string, headers: Record<string, string> = {}) {
    const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`, ...headers } });
    sent += 1;
    statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
    return response;
  }

  const messageRoutes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
  const valid: Record<(typeof messageRoutes)[number], Record<string, unknown>> = {
    identify: { userId: 'u1', traits: { email: 'a@example.com' } },
    track: { userId: 'u1', event: 'Logged In', properties: { courseId: 'c1' } },
    page: { anonymousId: 'a1', name: 'Home', properties: { path: '/' } },
    screen: { userId: 'u1', name: 'Lesson' },
    group: { userId: 'u1', groupId: 'g1', traits: { name: 'Acme' } },
    alias: { previousId: 'a1', userId: 'u1' },
  };
  const isoLike = /^\d{4}-\d{2}-\d{2}/;
  const notAnObject = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.string(), fc.array(fc.integer(), { maxLength: 3 }));
  const badTimestamp = fc.string({ maxLength: 30 }).filter((text) => !isoLike.test(text));
  const badKey = fc.oneof(fc.string({ maxLength: 8 }).map((text) => `$${text}`), fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}.${b}`));
  const deep = fc.integer({ min: 17, max: 40 }).map((depth) => {
    let value: unknown = 1;
    for (let level = 0; level < depth; level += 1) value = { nested: value };
    return value;
  });

  /** Breaks a valid message in one of the ways clients really do. */
  const breakMessage = (route: (typeof messageRoutes)[number]) =>
    fc.oneof(
      fc.constant((message: Record<string, unknown>) => ({ ...message, userId: undefined, anonymousId: undefined, previousId: undefined, ...(message.traits ? { traits: { plan: 'x' } } : {}) })),
      badTimestamp.map((timestamp) => (message: Record<string, unknown>) => ({ ...message, timestamp })),
      notAnObject.filter((value) => value !== null).map((value) => (message: Record<string, unknown>) => ({ ...message, [route === 'track' || route === 'page' || route === 'screen' ? 'properties' : route === 'alias' ? 'previousId' : 'traits']: route === 'alias' ? { value } : value })),
      badKey.map((key) => (message: Record<string, unknown>) => ({ ...message, context: { [key]: 1 } })),
      deep.map((value) => (message: Record<string, unknown>) => ({ ...message, context: { value } })),
      fc.constant((message: Record<string, unknown>) => ({ ...message, context: { blob: 'x'.repeat(33 * 1024) } })),
      fc.oneof(fc.constant(''), fc.constant('   '), fc.boolean(), fc.constant({}), fc.array(fc.string())).map((userId) => (message: Record<string, unknown>) => ({ ...message, userId, anonymousId: undefined, ...(message.traits ? { traits: { plan: 'x' } } : {}) })),
      ...(route === 'track' ? [fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.integer({ min: 201, max: 300 }).map((length) => 'e'.repeat(length))).map((event) => (message: Record<string, unknown>) => ({ ...message, event }))] : []),
      ...(route === 'group' ? [fc.constant((message: Record<string, unknown>) => ({ ...message, groupId: undefined }))] : []),
    );

  it('rejects broken single calls on every message route', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...messageRoutes).chain((route) => fc.tuple(fc.constant(route), breakMessage(route))), async ([route, mutate]) => {
        const response = await send(`/v1/${route}`, JSON.stringify(mutate(valid[route])));
        expect([400, 413]).toContain(response.statusCode);
      }),
      { numRuns: 3_000 },
    );
  });

  it('rejects batches in which no message is valid, and malformed batch envelopes', async () => {
    const brokenMessage = fc.constantFrom(...messageRoutes).chain((route) => breakMessage(route).map((mutate) => ({ type: route, ...mutate(valid[route]) })));
    const envelope = fc.oneof(
      fc.array(brokenMessage, { minLength: 1, maxLength: 5 }).map((batch) => ({ batch })),
      fc.array(fc.oneof(notAnObject, fc.record({ type: fc.string({ maxLength: 8 }) })), { minLength: 1, maxLength: 5 }).map((batch) => ({ batch })),
      notAnObject.map((batch) => ({ batch })),
      fc.constant({ batch: [] }),
      badTimestamp.map((sentAt) => ({ batch: [{ type: 'track', userId: 'u', event: 'x' }], sentAt })),
    );
    await fc.assert(
      fc.asyncProperty(envelope, async (body) => {
        const response = await send('/v1/batch', JSON.stringify(body));
        expect([400, 413]).toContain(response.statusCode);
      }),
      { numRuns: 3_000 },
    );
  });

  it('rejects bodies that are not JSON objects, and bad or missing keys', async () => {
    const garbage = fc.oneof(fc.string({ maxLength: 200 }), fc.json().filter((text) => !text.trim().startsWith('{')), fc.constant('{"userId":'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...messageRoutes, 'batch'), garbage, async (route, body) => {
        const response = await send(`/v1/${route}`, body);
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 2_000 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...messageRoutes), fc.oneof(fc.constant(''), fc.string({ maxLength: 40 }).map((key) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`), fc.string({ maxLength: 40 })), async (route, authorization) => {
        const response = await send(`/v1/${route}`, JSON.stringify(valid[route]), { authorization });
        expect(response.statusCode).toBe(401);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects unsigned, mis-signed and malformed webhooks', async () => {
    const webhook = fc.constantFrom('/webhooks/teachable/fuzz-secret', '/webhooks/kajabi/fuzz-secret', '/webhooks/teachable/wrong', '/webhooks/thinkific', '/webhooks/stripe');
    await fc.assert(
      fc.asyncProperty(webhook, fc.oneof(fc.json(), fc.string({ maxLength: 100 })), fc.string({ maxLength: 80 }), async (url, body, signature) => {
        const response = await send(url, body, { 'x-thinkific-hmac-sha256': signature, 'stripe-signature': signature });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 200) expect(response.json()).toMatchObject({ ignored: true, accepted: 0 });
      }),
      { numRuns: 2_000 },
    );
  });

  it('sent at least 10,000 requests, none answered 5xx, and the store is as it was', async () => {
    expect(sent).toBeGreaterThanOrEqual(10_000);
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    expect(await counts()).toEqual({ learners: 0, learnerEvents: 0, identities: 0, writeClaims: 0 });
  });
});
