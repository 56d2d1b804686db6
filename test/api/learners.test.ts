import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { Ingestion } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

describe('learner reads', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let admin: Record<string, string>;
  /** The learner merged away by the alias, and the one that survives it. */
  let anonLearner: string;
  let knownLearner: string;

  beforeAll(async () => {
    store = await openTestStore('learners');
    const ingestion = new Ingestion(store.models);
    ({ app, close } = await buildTestApp(store, { ingestion }));
    admin = bearer((await new ApiKeys(store.models).create({ name: 'designer', kind: 'admin' })).secret);
    const anon = await ingestion.ingest([{ type: 'page', anonymousId: 'v-1', properties: { path: '/courses/python' }, timestamp: '2026-11-01T09:00:00Z' }], { source: 'api' });
    const known = await ingestion.ingest(
      [
        { type: 'identify', userId: 'priya', traits: { name: 'Priya Patel', email: 'priya@example.com' }, timestamp: '2026-11-02T09:00:00Z' },
        ...Array.from({ length: 5 }, (_, index) => ({ type: 'track', userId: 'priya', event: 'Lesson Completed', properties: { courseId: 'python', lessonNumber: index + 1 }, timestamp: `2026-11-0${3 + index}T09:00:00Z` })),
      ],
      { source: 'api' },
    );
    // After the alias the two are one learner: the survivor is whichever id sorts first.
    [knownLearner, anonLearner] = [anon.learnerIds[0]!, known.learnerIds[0]!].sort() as [string, string];
    await ingestion.ingest([{ type: 'alias', previousId: 'v-1', userId: 'priya', timestamp: '2026-11-09T09:00:00Z' }], { source: 'api' });
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  it('finds learners by email, userId or the start of their name', async () => {
    for (const query of ['priya@example.com', 'priya', 'pri', 'PRIYA P']) {
      const response = await app.inject({ url: `/api/learners?query=${encodeURIComponent(query)}`, headers: admin });
      expect(response.statusCode).toBe(200);
      expect(response.json().learners.map((learner: { learnerId: string }) => learner.learnerId)).toEqual([knownLearner]);
    }
  });

  it('shows a profile with its timeline, newest first, including the merged visitor history', async () => {
    const response = await app.inject({ url: `/api/learners/${knownLearner}?limit=3`, headers: admin });
    const { learner, events } = response.json();
    expect(learner).toMatchObject({ userId: 'priya', mergedLearnerIds: [anonLearner], traits: { name: 'Priya Patel' } });
    expect(events.map((event: { name: string }) => event.name)).toEqual(['Aliased', 'Lesson Completed', 'Lesson Completed']);

    const older = await app.inject({ url: `/api/learners/${knownLearner}?limit=10&before=${events[2].timestamp}`, headers: admin });
    expect(older.json().events.map((event: { name: string }) => event.name)).toEqual(['Lesson Completed', 'Lesson Completed', 'Lesson Completed', 'Identified', 'Course Page Viewed']);
  });

  it('answers a merged id with the surviving profile, and 404 for an unknown one', async () => {
    expect((await app.inject({ url: `/api/learners/${anonLearner}`, headers: admin })).json().learner.learnerId).toBe(knownLearner);
    expect((await app.inject({ url: '/api/learners/lrn_nobody', headers: admin })).statusCode).toBe(404);
  });

  it('needs an admin key', async () => {
    expect((await app.inject({ url: '/api/learners?query=priya' })).statusCode).toBe(401);
  });
});
