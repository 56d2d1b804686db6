import { compileRule, exampleSegments, type BehaviourSummary } from '../domain/segments';
import type { LearnerDocument } from '../store/models/learner';
import { dropAndClose, openTestStore } from '../test/support/env';
import { testSegmentRuntime } from '../test/support/segments';
import { RecordingClock } from '../test/segments/support';
import { seedDemoSegments } from './seedDemoSegments';
import { seedDemoWorkspace } from './seedDemoWorkspace';

describe('seeding the example segments', () => {
  it('defines the three example segments once, each with members that match its rule', async () => {
    const store = await openTestStore('seedsegments');
    const segments = testSegmentRuntime(store, { clock: new RecordingClock() });
    try {
      await seedDemoWorkspace(store.models, segments.ingestion, { learners: 150 });
      const outcome = await seedDemoSegments(segments);
      expect(outcome.seeded).toBe(true);
      const learners = await store.models.learners.find({ mergedInto: null }).lean<LearnerDocument[]>();
      const now = Date.now();
      for (const example of exampleSegments) {
        const matches = compileRule(example.rule);
        const expected = learners.filter((doc) => matches({ traits: doc.traits as Record<string, unknown>, behaviour: doc.behaviour as BehaviourSummary, memberships: new Set(doc.segmentIds) }, now)).map((doc) => doc._id);
        const members = learners.filter((doc) => doc.segmentIds.includes(example.id)).map((doc) => doc._id);
        expect(outcome.sizes[example.id]).toBeGreaterThan(0);
        expect(members.sort()).toEqual(expected.sort());
      }
      expect(await seedDemoSegments(segments)).toEqual({ seeded: false, sizes: {} });
    } finally {
      await segments.close();
      await dropAndClose(store);
    }
  }, 120_000);
});
