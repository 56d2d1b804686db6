import { ApiKeys } from '../../api/keys/apiKeys';
import { purgeInactive, purgeLearners } from '../../ingestion/hygiene/purge';
import { hygieneReport } from '../../ingestion/hygiene/report';
import { Ingestion } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const now = new Date('2026-11-28T12:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();

describe('data hygiene', () => {
  let store: Store;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    store = await openTestStore('hygiene');
    const ingestion = new Ingestion(store.models);
    const send = async (name: string, messages: Record<string, unknown>[]) => (ids[name] = (await ingestion.ingest(messages, { source: 'api' })).learnerIds[0]!);
    await send('active', [{ type: 'identify', userId: 'active', traits: { email: 'active@example.com' }, timestamp: daysAgo(1) }]);
    await send('dormant', [{ type: 'identify', userId: 'dormant', traits: { email: 'dormant@example.com' }, timestamp: daysAgo(200) }, { type: 'track', userId: 'dormant', event: 'Logged In', timestamp: daysAgo(150) }]);
    await send('badEmail', [{ type: 'identify', userId: 'bad', traits: { email: 'bad@@example' }, timestamp: daysAgo(2) }]);
    await send('visitor', [{ type: 'page', anonymousId: 'visitor', properties: { path: '/' }, timestamp: daysAgo(3) }]);
    await ingestion.ingest([{ type: 'alias', previousId: 'visitor', userId: 'active', timestamp: daysAgo(1) }], { source: 'api' });
  });
  afterAll(async () => {
    await dropAndClose(store);
  });

  it('reports merged duplicates, bad emails and inactive learners', async () => {
    const report = await hygieneReport(store.models, { inactiveDays: 30, now });
    expect(report).toMatchObject({
      learners: 3,
      duplicatesMerged: 1,
      badEmails: { invalid: 1, undeliverable: 0, sample: [ids.badEmail] },
      inactive: { days: 30, count: 1, sample: [ids.dormant] },
    });
  });

  it('serves the report to admin keys', async () => {
    const { app, close } = await buildTestApp(store);
    try {
      const admin = bearer((await new ApiKeys(store.models).create({ name: 'ops', kind: 'admin' })).secret);
      const response = await app.inject({ url: '/api/hygiene?inactiveDays=30', headers: admin });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ duplicatesMerged: 1 });
      expect((await app.inject({ url: '/api/hygiene?inactiveDays=0', headers: admin })).statusCode).toBe(400);
    } finally {
      await close();
    }
  });

  it('purges inactive learners with everything they left, after a dry run', async () => {
    expect(await purgeInactive(store.models, { days: 30, dryRun: true, now })).toEqual({ candidates: 1, learners: 0, events: 0 });
    expect(await purgeInactive(store.models, { days: 30, dryRun: false, now })).toEqual({ candidates: 1, learners: 1, events: 2 });
    expect(await store.models.learners.findById(ids.dormant).lean()).toBeNull();
    expect(await store.models.identities.countDocuments({ learnerId: ids.dormant })).toBe(0);
    expect(await store.models.learners.countDocuments({ userId: 'active', mergedInto: null })).toBe(1);
  });

  it('purges a learner together with the profiles merged into it', async () => {
    const [survivor] = [ids.active!, ids.visitor!].sort();
    const outcome = await purgeLearners(store.models, [survivor!]);
    expect(outcome.learners).toBe(2);
    expect(await store.models.learnerEvents.countDocuments({ learnerId: { $in: [ids.active!, ids.visitor!] } })).toBe(0);
    expect(await store.models.writeClaims.countDocuments({ _id: { $regex: `^learners:${survivor}:` } })).toBe(0);
  });
});
