import { SegmentCatalog } from '../api/segments/segmentCatalog';
import { exampleSegments } from '../domain/segments';
import { evaluateSegmentVersion } from '../segments/evaluations';
import type { SegmentRuntime } from '../segments/runtime';

export const DEMO_SEGMENTS_SEED_ID = 'demo-segments';

/**
 * Defines the three example segments (highly engaged prospects, at-risk students, new leads) once, and
 * computes their members right here instead of in a background workflow, so they are ready when the
 * stack's banner appears. `beforeComputing` runs between the two (the demo publishes its journeys
 * then, so the members found enter them). Time-based changes are scheduled on the segment clock.
 */
export async function seedDemoSegments(runtime: SegmentRuntime, beforeComputing: () => Promise<unknown> = async () => undefined): Promise<{ seeded: boolean; sizes: Record<string, number> }> {
  const { models } = runtime;
  if (await models.seedRuns.findById(DEMO_SEGMENTS_SEED_ID).lean()) return { seeded: false, sizes: {} };
  const evaluations: { segmentId: string; version: number }[] = [];
  const catalog = new SegmentCatalog({ ...runtime, startEvaluation: async (segmentId, version) => void evaluations.push({ segmentId, version }) });
  for (const example of exampleSegments) {
    if (!(await models.segments.exists({ _id: example.id }))) await catalog.create({ name: example.name, description: example.description, rule: example.rule });
  }
  await beforeComputing();
  for (const evaluation of evaluations) await evaluateSegmentVersion(runtime, evaluation, () => undefined);
  const sizes: Record<string, number> = {};
  for (const example of exampleSegments) sizes[example.id] = (await catalog.get(example.id)).size;
  await models.seedRuns.updateOne({ _id: DEMO_SEGMENTS_SEED_ID }, { $setOnInsert: { version: 1, summary: sizes, completedAt: new Date() } }, { upsert: true });
  return { seeded: true, sizes };
}
