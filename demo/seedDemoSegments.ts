import { SegmentCatalog } from '../api/segments/segmentCatalog';
import { exampleSegments } from '../domain/segments';
import { evaluateSegmentVersion } from '../segments/evaluations';
import type { SegmentRuntime } from '../segments/runtime';

export const DEMO_SEGMENTS_SEED_ID = 'demo-segments';

/**
 * Defines the three example segments (highly engaged prospects, at-risk students, new leads) once, and
 * computes their members right here instead of in a background workflow, so they are ready when the
 * stack's banner appears. Their time-based changes are scheduled on the segment clock as usual.
 */
export async function seedDemoSegments(runtime: SegmentRuntime): Promise<{ seeded: boolean; sizes: Record<string, number> }> {
  const { models } = runtime;
  if (await models.seedRuns.findById(DEMO_SEGMENTS_SEED_ID).lean()) return { seeded: false, sizes: {} };
  const catalog = new SegmentCatalog({
    ...runtime,
    startEvaluation: async (segmentId, version) => {
      await evaluateSegmentVersion(runtime, { segmentId, version }, () => undefined);
    },
  });
  const sizes: Record<string, number> = {};
  for (const example of exampleSegments) {
    const existing = await models.segments.findById(example.id).lean();
    const segment = existing ? await catalog.get(example.id) : (await catalog.create({ name: example.name, description: example.description, rule: example.rule })).segment;
    sizes[segment.id] = (await catalog.get(segment.id)).size;
  }
  await models.seedRuns.updateOne({ _id: DEMO_SEGMENTS_SEED_ID }, { $setOnInsert: { version: 1, summary: sizes, completedAt: new Date() } }, { upsert: true });
  return { seeded: true, sizes };
}
