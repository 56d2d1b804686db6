import { Ingestion } from '../ingestion/pipeline';
import { dropAndClose, openTestStore } from '../test/support/env';
import { generateDemoWorkspace } from './generateWorkspace';
import { seedDemoWorkspace } from './seedDemoWorkspace';

describe('seeding the demo workspace', () => {
  it('loads every learner and event through the ingestion pipeline, once', async () => {
    const store = await openTestStore('seed');
    try {
      const now = new Date('2026-11-28T12:00:00Z');
      const ingestion = new Ingestion(store.models);
      const outcome = await seedDemoWorkspace(store.models, ingestion, { now, learners: 60 });
      const expected = generateDemoWorkspace({ learners: 60, now });
      expect(outcome).toEqual({ seeded: true, learners: 60, events: expected.events.length });
      expect(await store.models.learners.countDocuments()).toBe(60);
      expect(await store.models.learnerEvents.countDocuments({ source: 'demo', type: 'track' })).toBe(expected.events.length);
      const someone = await store.models.learners.findOne({ userId: 'user-1' }).lean();
      expect(someone?.traits).toMatchObject({ email: expected.learners[0]!.email, country: expected.learners[0]!.traits.country });

      expect(await seedDemoWorkspace(store.models, ingestion, { now, learners: 60 })).toEqual({ seeded: false, learners: 0, events: 0 });
      expect(await store.models.learners.countDocuments()).toBe(60);
    } finally {
      await dropAndClose(store);
    }
  });
});
