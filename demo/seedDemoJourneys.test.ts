import { randomUUID } from 'node:crypto';
import { exampleJourneys } from '../domain/journeys';
import { dropAndClose, openTestStore } from '../test/support/env';
import { testRuntime } from '../test/support/segments';
import { seedDemoJourneys } from './seedDemoJourneys';
import { seedDemoSegments } from './seedDemoSegments';
import { seedDemoWorkspace } from './seedDemoWorkspace';

describe('seeding the demo journeys', () => {
  it('publishes the three journeys before the segments are computed, so segment members enter them', async () => {
    const store = await openTestStore('seedjourneys');
    // No worker polls this queue: the runs wait there, which is all this test needs to see.
    const runtime = testRuntime(store, { taskQueue: `seed-${randomUUID()}` });
    try {
      await seedDemoWorkspace(store.models, runtime.ingestion, { learners: 120 });
      let published: unknown;
      const segments = await seedDemoSegments(runtime.segments, async () => (published = await seedDemoJourneys(runtime)));
      expect(published).toEqual({ seeded: true, journeys: exampleJourneys.map((example) => example.id) });
      const journeys = await store.models.journeys.find().lean();
      expect(journeys.map((journey) => [journey._id, journey.status, journey.publishedVersion])).toEqual(exampleJourneys.map((example) => [example.id, 'active', 1]));
      expect(await store.models.templates.countDocuments()).toBe(7);
      // One upsell entry per highly engaged prospect, one re-engagement entry per at-risk student.
      expect(await store.models.journeyEntries.countDocuments({ journeyId: 'upsell', _id: /^trigger:/ })).toBe(segments.sizes['highly-engaged-prospects']);
      expect(await store.models.journeyEntries.countDocuments({ journeyId: 're-engagement', _id: /^trigger:/ })).toBe(segments.sizes['at-risk-students']);
      expect(await seedDemoJourneys(runtime)).toEqual({ seeded: false, journeys: [] });
    } finally {
      await runtime.close();
      await dropAndClose(store);
    }
  });
});
