import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import type { JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { pathQuery } from '../../workflows/journey/signals';
import { basic, bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';
import { startTestWorker } from '../support/worker';
import { mailsTagged, publishExamples, waitUntil } from './support';

/**
 * The whole way through the real services: track calls over HTTP → the segment engine → Segment
 * Entered → the router starts the upsell run on the Temporal dev server → the worker sends the offer
 * through SMTP into the catcher; operators find the run by its search attributes.
 */
describe('from an ingested event to a mail, through the dev server', () => {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `e2e-${tag}`;
  let store: Store;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let app: FastifyInstance;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;

  beforeAll(async () => {
    store = await openTestStore('e2e');
    built = await buildTestApp(store, { taskQueue });
    app = built.app;
    await publishExamples(built.runtime, tag);
    worker = await startTestWorker(store, built.runtime, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await built?.close();
    await dropAndClose(store);
  });

  it('a highly engaged prospect gets the upsell offer, and the run is findable by its search attributes', async () => {
    const writeKey = (await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret;
    const admin = bearer((await new ApiKeys(store.models).create({ name: 'ops', kind: 'admin' })).secret);
    const userId = `prospect-${tag}`;
    const identify = await app.inject({ method: 'POST', url: '/v1/identify', headers: basic(writeKey), payload: { userId, traits: { firstName: 'Pia', email: `${userId}@example.com` } } });
    expect(identify.statusCode).toBe(200);
    const batch = ['Course Page Viewed', 'Course Page Viewed', 'Course Page Viewed', 'Email Opened', 'Email Opened'].map((event) => ({ type: 'track', userId, event, properties: { path: '/courses/ux' } }));
    expect((await app.inject({ method: 'POST', url: '/v1/batch', headers: basic(writeKey), payload: { batch } })).statusCode).toBe(200);

    const learnerId = (await store.models.identities.findById(`user:${userId}`).lean())!.learnerId as string;
    const history = await app.inject({ url: `/api/learners/${learnerId}/segments`, headers: admin });
    expect(history.json().segmentIds).toEqual(['highly-engaged-prospects']);

    const offer = await waitUntil(async () => (await mailsTagged(tag)).find((mail) => mail.to[0]?.address === `${userId}@example.com`));
    expect(offer.subject).toBe(`upsell-offer for Pia ${tag}`);
    expect(offer.headers['message-id']).toMatch(/^<upsell\..*@course-journeys\.local>$/);

    const workflowId = `journey-upsell-${learnerId}`;
    const client = built.runtime.client;
    const [listed] = await waitUntil(async () => {
      const runs = [];
      for await (const run of client.workflow.list({ query: `JourneyId = 'upsell' AND LearnerId = '${learnerId}'` })) runs.push(run);
      return runs.length > 0 && (runs[0]!.searchAttributes as Record<string, unknown[]>).CurrentNode?.[0] === 'wait-for-order' ? runs : undefined;
    });
    expect(listed!.workflowId).toBe(workflowId);
    expect(listed!.searchAttributes).toMatchObject({ JourneyId: ['upsell'], JourneyVersion: [1], LearnerId: [learnerId], CurrentNode: ['wait-for-order'] });
    expect(listed!.memo).toEqual({ journeyName: 'Upsell to engaged prospects' });
    const handle = client.workflow.getHandle(workflowId);
    expect((await handle.query(pathQuery)).map((step) => step.nodeId)).toEqual(['engaged', 'offer', 'wait-for-order']);

    // Ordering is the journey's goal: the run ends as converted straight away, in the middle of its wait.
    expect((await app.inject({ method: 'POST', url: '/v1/track', headers: basic(writeKey), payload: { userId, event: 'Order Completed', properties: { revenue: 99 } } })).statusCode).toBe(200);
    const result = (await handle.result()) as JourneyRunResult;
    expect(result.outcome).toBe('converted');
    // No personal data in the run's history: ids only.
    const events = JSON.stringify((await handle.fetchHistory()).events);
    expect(events).not.toContain(`${userId}@example.com`);
    expect(events).not.toContain('Pia');
  });
});
