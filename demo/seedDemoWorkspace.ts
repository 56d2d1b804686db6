import type { SegmentMessageInput } from '../domain/ingestion/segmentMessages';
import type { Ingestion } from '../ingestion/pipeline';
import type { StoreModels } from '../store/connection';
import { generateDemoWorkspace } from './generateWorkspace';

export const DEMO_SEED_ID = 'demo-workspace';
/** Bump when the demo content changes; a workspace seeded with an older version is left as it is. */
export const DEMO_SEED_VERSION = 2;
const BATCH = 500;

export interface SeedOutcome {
  seeded: boolean;
  learners: number;
  events: number;
}

/**
 * Loads the demo workspace once, through the same ingestion pipeline as real data (identify calls
 * for the learners, track calls for their histories). Re-running is harmless: every message has a
 * fixed id, so an interrupted seed simply completes on the next start.
 */
export async function seedDemoWorkspace(
  models: Pick<StoreModels, 'seedRuns'>,
  ingestion: Ingestion,
  options: { now?: Date; learners?: number } = {},
): Promise<SeedOutcome> {
  if (await models.seedRuns.findById(DEMO_SEED_ID).lean()) return { seeded: false, learners: 0, events: 0 };

  const workspace = generateDemoWorkspace({ learners: options.learners ?? 300, now: options.now ?? new Date() });
  const userIdOf = new Map(workspace.learners.map((learner) => [learner.learnerId, learner.userId]));
  const messages: SegmentMessageInput[] = [
    ...workspace.learners.map(
      (learner): SegmentMessageInput => ({
        type: 'identify',
        userId: learner.userId,
        messageId: `${learner.learnerId}-identify`,
        timestamp: learner.createdAt.toISOString(),
        traits: { ...learner.traits, createdAt: learner.createdAt.toISOString() },
      }),
    ),
    ...workspace.events.map(
      (event): SegmentMessageInput => ({
        type: 'track',
        userId: userIdOf.get(event.learnerId),
        event: event.name,
        messageId: event.messageId,
        timestamp: event.timestamp.toISOString(),
        properties: { ...event.properties, ...(event.courseId ? { courseId: event.courseId } : {}) },
      }),
    ),
  ];
  for (let start = 0; start < messages.length; start += BATCH) {
    const result = await ingestion.ingestRetrying(messages.slice(start, start + BATCH), { source: 'demo' });
    if (result.rejected.length > 0) throw new Error(`demo message rejected: ${result.rejected[0]!.message}`);
  }
  const outcome = { seeded: true, learners: workspace.learners.length, events: workspace.events.length };
  await models.seedRuns.updateOne(
    { _id: DEMO_SEED_ID },
    { $setOnInsert: { version: DEMO_SEED_VERSION, summary: outcome, completedAt: new Date() } },
    { upsert: true },
  );
  return outcome;
}
