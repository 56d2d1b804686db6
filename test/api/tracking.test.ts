import type { AddressInfo } from 'node:net';
import { Analytics } from '@segment/analytics-node';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { errorBodySchema } from '../../domain/errors';
import type { Store } from '../../store/connection';
import { basic, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

describe('Segment-compatible ingestion API', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let writeKey: string;

  beforeAll(async () => {
    store = await openTestStore('tracking');
    ({ app, close } = await buildTestApp(store));
    writeKey = (await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret;
    await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  it("stores what Segment's own analytics-node client sends", async () => {
    const { port } = app.server.address() as AddressInfo;
    const analytics = new Analytics({ writeKey, host: `http://127.0.0.1:${port}`, flushAt: 5, maxRetries: 0 });
    const errors: unknown[] = [];
    analytics.on('error', (error) => errors.push(error));
    analytics.page({ anonymousId: 'visitor-1', name: 'UX Foundations', properties: { path: '/courses/ux-foundations' } });
    analytics.identify({ userId: 'ada', anonymousId: 'visitor-1', traits: { email: 'ada@example.com', name: 'Ada Okafor' } });
    analytics.track({ userId: 'ada', event: 'Enrolled', properties: { courseId: 'ux-foundations' } });
    analytics.group({ userId: 'ada', groupId: 'acme', traits: { name: 'Acme Inc' } });
    analytics.track({ userId: 'ada', event: 'Quiz Attempted', properties: { courseId: 'ux-foundations', score: 82, passed: true } });
    await analytics.closeAndFlush();
    expect(errors).toEqual([]);

    const learner = await store.models.learners.findOne({ userId: 'ada' }).lean();
    expect(learner).toMatchObject({ anonymousIds: ['visitor-1'], groups: ['acme'], traits: { email: 'ada@example.com', name: 'Ada Okafor', company: 'Acme Inc' } });
    const events = await store.models.learnerEvents.find({ learnerId: learner!._id }).sort({ timestamp: 1 }).lean();
    expect(events.map((event) => [event.name, event.courseId ?? null])).toEqual([
      ['Course Page Viewed', 'ux-foundations'],
      ['Identified', null],
      ['Enrolled', 'ux-foundations'],
      ['Group Joined', null],
      ['Quiz Attempted', 'ux-foundations'],
    ]);
    expect(events.every((event) => event.source === 'segment')).toBe(true);
  });

  it('takes single calls with the type implied by the path, and the write key in the body', async () => {
    const viaHeader = await app.inject({ method: 'POST', url: '/v1/track', headers: basic(writeKey), payload: { userId: 'u1', event: 'Logged In' } });
    expect(viaHeader.statusCode).toBe(200);
    expect(viaHeader.json()).toMatchObject({ success: true, accepted: 1 });
    const viaBody = await app.inject({ method: 'POST', url: '/v1/identify', payload: { writeKey, userId: 'u1', traits: { plan: 'pro' } } });
    expect(viaBody.statusCode).toBe(200);
  });

  it('refuses missing and unknown write keys before looking at the body', async () => {
    const missing = await app.inject({ method: 'POST', url: '/v1/track', payload: { nonsense: true } });
    expect(missing.statusCode).toBe(401);
    const unknown = await app.inject({ method: 'POST', url: '/v1/track', headers: basic('cj_write_unknown'), payload: {} });
    expect(unknown.statusCode).toBe(401);
  });

  it('names the invalid field of a single call', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/track', headers: basic(writeKey), payload: { userId: 'u1', event: '', timestamp: 'yesterday' } });
    expect(response.statusCode).toBe(400);
    const error = errorBodySchema.parse(response.json()).error;
    const paths = (error.details as { issues: { path: string[] }[] }).issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['event', 'timestamp']));
  });

  it('enforces 32 KB per call and 500 KB per batch', async () => {
    const big = await app.inject({ method: 'POST', url: '/v1/track', headers: basic(writeKey), payload: { userId: 'u1', event: 'Big', properties: { blob: 'x'.repeat(33 * 1024) } } });
    expect(big.statusCode).toBe(413);
    expect(errorBodySchema.parse(big.json()).error.code).toBe('payload_too_large');
    const batch = Array.from({ length: 20 }, (_, index) => ({ type: 'track', userId: 'u1', event: 'Big', messageId: `big-${index}`, properties: { blob: 'x'.repeat(30 * 1024) } }));
    const tooBig = await app.inject({ method: 'POST', url: '/v1/batch', headers: basic(writeKey), payload: { batch } });
    expect(tooBig.statusCode).toBe(413);
    expect(await store.models.learnerEvents.countDocuments({ name: 'Big' })).toBe(0);
  });

  it('stores the valid messages of a batch and lists the invalid ones by index; all invalid is a 400', async () => {
    const mixed = await app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: basic(writeKey),
      payload: { batch: [{ type: 'track', userId: 'u2', event: 'Logged In', messageId: 'ok-1' }, { type: 'track', event: 'No one' }, { type: 'identify', userId: 'u2', traits: { 'bad.key': 1 } }] },
    });
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json()).toMatchObject({ accepted: 1, rejected: [{ index: 1, code: 'validation_failed' }, { index: 2, code: 'validation_failed' }] });

    const none = await app.inject({ method: 'POST', url: '/v1/batch', headers: basic(writeKey), payload: { batch: [{ type: 'track', event: 'No one' }] } });
    expect(none.statusCode).toBe(400);
    expect(errorBodySchema.parse(none.json()).error.details).toMatchObject({ rejected: [{ index: 0 }] });
  });

  it('lists the ingestion routes in the OpenAPI document', async () => {
    const spec = (await app.inject('/docs/json')).json();
    for (const path of ['/v1/identify', '/v1/track', '/v1/page', '/v1/screen', '/v1/group', '/v1/alias', '/v1/batch']) expect(spec.paths[path]?.post).toBeDefined();
  });
});
