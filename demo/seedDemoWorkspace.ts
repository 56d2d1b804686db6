import type { StoreModels } from '../store/connection';
import { isDuplicateKeyError } from '../store/errors';
import { generateDemoWorkspace } from './generateWorkspace';

export const DEMO_SEED_ID = 'demo-workspace';
/** Bump when the demo content changes; a workspace seeded with an older version is left as it is. */
export const DEMO_SEED_VERSION = 1;

export interface SeedOutcome {
  seeded: boolean;
  learners: number;
  events: number;
}

/**
 * Loads the demo workspace once. Re-running is harmless: learners are upserted by id and events
 * carry fixed message ids, so an interrupted seed simply completes on the next start.
 */
export async function seedDemoWorkspace(models: StoreModels, options: { now?: Date; learners?: number } = {}): Promise<SeedOutcome> {
  const existing = await models.seedRuns.findById(DEMO_SEED_ID).lean();
  if (existing) return { seeded: false, learners: 0, events: 0 };

  const receivedAt = options.now ?? new Date();
  const workspace = generateDemoWorkspace({ learners: options.learners ?? 300, now: receivedAt });
  await models.learners.bulkWrite(
    workspace.learners.map((learner) => ({
      updateOne: {
        filter: { _id: learner.learnerId },
        update: {
          $setOnInsert: {
            _id: learner.learnerId,
            userId: learner.userId,
            emails: [learner.email],
            anonymousIds: [],
            traits: learner.traits,
            createdAt: learner.createdAt,
            updatedAt: receivedAt,
          },
        },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  try {
    await models.learnerEvents.insertMany(
      workspace.events.map((event) => ({ _id: event.messageId, ...event, receivedAt, source: 'demo' })),
      { ordered: false },
    );
  } catch (error) {
    // Events of an interrupted earlier seed are already there; everything else went in.
    if (!isDuplicateKeyError(error)) throw error;
  }
  const outcome = { seeded: true, learners: workspace.learners.length, events: workspace.events.length };
  await models.seedRuns.updateOne(
    { _id: DEMO_SEED_ID },
    { $setOnInsert: { version: DEMO_SEED_VERSION, summary: outcome, completedAt: new Date() } },
    { upsert: true },
  );
  return outcome;
}
