import { randomUUID } from 'node:crypto';
import { ApiKeys } from '../../api/keys/apiKeys';
import { erasedId } from '../../api/privacy/learnerRecords';
import type { Store } from '../../store/connection';
import { mailsTagged, publishExamples, waitUntil } from '../journeys/support';
import { basic, bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';
import { startTestWorker } from '../support/worker';

/**
 * Erasure on the real store, API, Temporal dev server and worker: a learner in the middle of the
 * upsell journey (offer mailed, run waiting for an order) is erased — the run is terminated, the data
 * gone, the send ledger anonymised, the request audited.
 */
describe('DELETE /api/learners/:learnerId', () => {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `erase-${tag}`;
  let store: Store;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;

  beforeAll(async () => {
    store = await openTestStore('privacy_erase');
    built = await buildTestApp(store, { taskQueue });
    await publishExamples(built.runtime, tag);
    worker = await startTestWorker(store, built.runtime, taskQueue);
  });
  afterAll(async () => {
    await worker?.stop();
    await built?.close();
    await dropAndClose(store);
  });

  it('terminates the running journey run, deletes the person, anonymises the ledger and audits the request', async () => {
    const { app } = built;
    const writeKey = (await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret;
    const adminKey = await new ApiKeys(store.models).create({ name: 'dpo', kind: 'admin' });
    const admin = bearer(adminKey.secret);
    const userId = `erased-${tag}`;
    const email = `${userId}@example.com`;
    const anonymousId = `anon-${tag}`;
    expect((await app.inject({ method: 'POST', url: '/v1/track', headers: basic(writeKey), payload: { anonymousId, event: 'Course Page Viewed', properties: { path: '/courses/ux' } } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/identify', headers: basic(writeKey), payload: { userId, anonymousId, traits: { firstName: 'Erin', email } } })).statusCode).toBe(200);
    const batch = ['Course Page Viewed', 'Course Page Viewed', 'Email Opened', 'Email Opened'].map((event) => ({ type: 'track', userId, event, properties: { path: '/courses/ux' } }));
    expect((await app.inject({ method: 'POST', url: '/v1/batch', headers: basic(writeKey), payload: { batch } })).statusCode).toBe(200);
    const learnerId = (await store.models.identities.findById(`user:${userId}`).lean())!.learnerId;
    expect((await app.inject({ method: 'PUT', url: `/api/learners/${learnerId}/consent/course-updates`, headers: admin, payload: { status: 'opted_in' } })).statusCode).toBe(200);

    // The offer is mailed and the run waits for an order.
    await waitUntil(async () => (await mailsTagged(tag)).find((mail) => mail.to[0]?.address === email));
    const workflowId = `journey-upsell-${learnerId}`;
    const handle = built.runtime.client.workflow.getHandle(workflowId);
    await waitUntil(async () => (await handle.describe()).searchAttributes.CurrentNode?.[0] === 'wait-for-order');
    const sendsBefore = await store.models.messageSends.find({ learnerId }).lean();
    expect(sendsBefore.length).toBeGreaterThan(0);

    const erased = await app.inject({ method: 'DELETE', url: `/api/learners/${learnerId}`, headers: admin });
    expect(erased.statusCode).toBe(200);
    const report = erased.json();
    expect(report).toMatchObject({ learnerId, terminatedRuns: [workflowId], anonymisedSends: sendsBefore.length });
    expect(report.erasedLearnerIds).toContain(learnerId);
    expect(report.deleted.events).toBeGreaterThanOrEqual(5);

    // Temporal: terminated, with the reason operators will see.
    const description = await handle.describe();
    expect(description.status.name).toBe('TERMINATED');
    const history = await handle.fetchHistory();
    expect(history.events!.at(-1)!.workflowExecutionTerminatedEventAttributes?.reason).toBe('erased');

    // The store holds nothing of the person…
    const ids = report.erasedLearnerIds as string[];
    const byLearner = { learnerId: { $in: ids } };
    expect(await store.models.learners.countDocuments({ _id: { $in: ids } })).toBe(0);
    for (const model of [store.models.identities, store.models.learnerEvents, store.models.consents, store.models.journeyEntries, store.models.journeySteps, store.models.messageSends] as const) {
      expect(await (model as typeof store.models.identities).countDocuments(byLearner)).toBe(0);
    }
    expect(await store.models.identities.countDocuments({ _id: { $in: [`user:${userId}`, `anon:${anonymousId}`, `email:${email}`] } })).toBe(0);
    expect(await store.models.writeClaims.countDocuments({ _id: { $regex: `^learners:${learnerId}:` } })).toBe(0);
    // …but the ledger still counts the sends, under a one-way stand-in, without Message-ID or provider answer.
    const anonymised = await store.models.messageSends.find({ learnerId: erasedId(learnerId) }).lean();
    expect(anonymised).toHaveLength(sendsBefore.length);
    for (const send of anonymised) {
      expect(send._id).toMatch(/^erased:[0-9a-f]{64}$/);
      expect(send).toMatchObject({ journeyId: 'upsell', status: 'sent' });
      expect(send.messageId).toBeUndefined();
      expect(send.providerResponse).toBeUndefined();
      expect(JSON.stringify(send)).not.toContain(learnerId);
    }

    // Audited with nothing but the id; consent history stays as the record of what was agreed.
    const audit = await store.models.auditLog.find({ learnerId }).sort({ at: 1 }).lean();
    expect(audit.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['consent', `api:${adminKey.id}`],
      ['erasure', `api:${adminKey.id}`],
    ]);
    expect(JSON.stringify(audit)).not.toContain(email);

    // A segment-clock wake-up still owed to the learner finds no one and does nothing.
    await expect(built.runtime.segments.engine.reevaluate(learnerId, { kind: 'time' }, { wokenAt: Date.now() })).resolves.toEqual([]);
    expect(await store.models.learners.countDocuments({ _id: learnerId })).toBe(0);

    // Erased is unknown: a second request, and an export, answer 404.
    expect((await app.inject({ method: 'DELETE', url: `/api/learners/${learnerId}`, headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ url: `/api/learners/${learnerId}/export`, headers: admin })).statusCode).toBe(404);
    // The same person coming back is someone new.
    expect((await app.inject({ method: 'POST', url: '/v1/identify', headers: basic(writeKey), payload: { userId, traits: { firstName: 'Erin' } } })).statusCode).toBe(200);
    expect((await store.models.identities.findById(`user:${userId}`).lean())!.learnerId).not.toBe(learnerId);
  });

  it('is for admin keys only, and answers 404 for an unknown learner', async () => {
    const operator = bearer((await new ApiKeys(store.models).create({ name: 'ops', kind: 'operator' })).secret);
    const admin = bearer((await new ApiKeys(store.models).create({ name: 'dpo', kind: 'admin' })).secret);
    expect((await built.app.inject({ method: 'DELETE', url: '/api/learners/lrn_nobody' })).statusCode).toBe(401);
    expect((await built.app.inject({ method: 'DELETE', url: '/api/learners/lrn_nobody', headers: operator })).statusCode).toBe(403);
    expect((await built.app.inject({ method: 'DELETE', url: '/api/learners/lrn_nobody', headers: admin })).statusCode).toBe(404);
  });
});
