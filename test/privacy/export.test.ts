import { randomUUID } from 'node:crypto';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

/** The export on the real store and API: one person held in two merged profiles, everything about them. */
describe('GET /api/learners/:learnerId/export', () => {
  const tag = randomUUID().slice(0, 8);
  let store: Store;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: { authorization: string };
  let adminKeyId: string;

  beforeAll(async () => {
    store = await openTestStore('privacy_export');
    built = await buildTestApp(store);
    const key = await new ApiKeys(store.models).create({ name: 'dpo', kind: 'admin' });
    admin = bearer(key.secret);
    adminKeyId = key.id;
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  it('returns profile, merged profiles, identities, events, segments, consents, sends, journey records and audit entries, and audits the export', async () => {
    const { ingestion } = built.runtime;
    const userId = `exported-${tag}`;
    const email = `ada.${tag}@example.com`;
    const anonymousId = `anon-${tag}`;
    const first = await ingestion.ingest([{ type: 'identify', userId, traits: { firstName: 'Ada', email } }], { source: 'api' });
    const browsing = await ingestion.ingest([{ type: 'track', anonymousId, event: 'Course Page Viewed', properties: { path: '/courses/ux' } }], { source: 'api' });
    expect(browsing.learnerIds[0]).not.toBe(first.learnerIds[0]);
    // Logging in on the browsing device: the same person, so the two profiles merge.
    const merged = await ingestion.ingest([{ type: 'identify', userId, anonymousId, traits: { lastName: 'Lovelace' } }], { source: 'api' });
    const learnerId = merged.learnerIds[0]!;
    const mergedId = [first.learnerIds[0]!, browsing.learnerIds[0]!].find((id) => id !== learnerId)!;

    const consent = await built.app.inject({ method: 'PUT', url: `/api/learners/${learnerId}/consent/promotions`, headers: admin, payload: { status: 'opted_out' } });
    expect(consent.statusCode).toBe(200);
    const now = new Date();
    await store.models.messageSends.create({ _id: `journey-x-${learnerId}:offer:1`, learnerId, journeyId: 'x', nodeId: 'offer', templateId: 'offer', channel: 'email', kind: 'marketing', status: 'sent', messageId: '<m@x>', createdAt: now, sentAt: now });
    await store.models.journeyEntries.create({ _id: `once:x:${learnerId}`, journeyId: 'x', learnerId, workflowId: `journey-x-${learnerId}`, at: now });
    await store.models.journeySteps.create({ _id: `journey-x-${learnerId}:offer:1:entered`, journeyId: 'x', version: 1, learnerId, nodeId: 'offer', kind: 'entered', at: now });

    const response = await built.app.inject({ url: `/api/learners/${learnerId}/export`, headers: admin });
    expect(response.statusCode).toBe(200);
    const exported = response.json();
    expect(exported.learnerId).toBe(learnerId);
    expect(exported.profile).toMatchObject({ _id: learnerId, traits: expect.objectContaining({ firstName: 'Ada', lastName: 'Lovelace', email }) });
    expect(exported.mergedProfiles.map((doc: { _id: string; mergedInto: string }) => [doc._id, doc.mergedInto])).toEqual([[mergedId, learnerId]]);
    expect(exported.identities.map((doc: { _id: string }) => doc._id)).toEqual(expect.arrayContaining([`user:${userId}`, `anon:${anonymousId}`, `email:${email}`]));
    const eventNames = exported.events.map((doc: { name: string }) => doc.name);
    expect(eventNames).toEqual(expect.arrayContaining(['Identified', 'Course Page Viewed']));
    expect(exported.segments).toEqual({ current: expect.any(Array), history: expect.any(Object) });
    expect(exported.consents).toEqual([expect.objectContaining({ learnerId, topic: 'promotions', status: 'opted_out' })]);
    expect(exported.sends).toEqual([expect.objectContaining({ learnerId, templateId: 'offer', status: 'sent', createdAt: now.toISOString() })]);
    expect(exported.journeyEntries).toEqual([expect.objectContaining({ workflowId: `journey-x-${learnerId}` })]);
    expect(exported.journeySteps).toEqual([expect.objectContaining({ nodeId: 'offer', kind: 'entered' })]);
    expect(exported.journeyRuns).toEqual([]);
    // The consent change is audited (by the consent routes); the export audits itself, after the fact.
    expect(exported.auditEntries).toEqual([expect.objectContaining({ kind: 'consent', learnerId, actor: `api:${adminKeyId}` })]);

    const audit = await store.models.auditLog.find({ learnerId, kind: 'export' }).lean();
    expect(audit).toEqual([expect.objectContaining({ learnerId, actor: `api:${adminKeyId}` })]);
    expect(audit[0]!.details ?? {}).toEqual({});
    // Nothing of the person in the audit entry but the id.
    expect(JSON.stringify(audit)).not.toContain(email);

    // Asked by the id of the profile merged away, the answer is the same person.
    const byMergedId = await built.app.inject({ url: `/api/learners/${mergedId}/export`, headers: admin });
    expect(byMergedId.statusCode).toBe(200);
    expect(byMergedId.json().learnerId).toBe(learnerId);
  });

  it('is for admin keys only, and answers 404 for an unknown learner', async () => {
    const write = bearer((await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret);
    const operator = bearer((await new ApiKeys(store.models).create({ name: 'ops', kind: 'operator' })).secret);
    expect((await built.app.inject({ url: '/api/learners/lrn_nobody/export' })).statusCode).toBe(401);
    expect((await built.app.inject({ url: '/api/learners/lrn_nobody/export', headers: write })).statusCode).toBe(403);
    expect((await built.app.inject({ url: '/api/learners/lrn_nobody/export', headers: operator })).statusCode).toBe(403);
    const unknown = await built.app.inject({ url: '/api/learners/lrn_nobody/export', headers: admin });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');
    expect((await built.app.inject({ url: "/api/learners/lrn_x'%20OR%20'1/export", headers: admin })).statusCode).toBe(400);
    expect(await store.models.auditLog.countDocuments({ learnerId: 'lrn_nobody' })).toBe(0);
  });
});
