import { JourneyService } from '../api/journeys/journeyService';
import { TemplateCatalog } from '../api/templates/templateCatalog';
import { exampleJourneys } from '../domain/journeys';
import type { ProcessRuntime } from '../runtime/processRuntime';
import { demoTemplates } from './demoTemplates';

export const DEMO_JOURNEYS_SEED_ID = 'demo-journeys';

/**
 * The demo's email templates and its three journeys (onboarding, upsell, re-engagement), published
 * once. Seeded before the example segments are computed, so the prospects and students the segments
 * find enter the upsell and re-engagement journeys straight away.
 */
export async function seedDemoJourneys(runtime: ProcessRuntime): Promise<{ seeded: boolean; journeys: string[] }> {
  const { models } = runtime.journeys;
  if (await models.seedRuns.findById(DEMO_JOURNEYS_SEED_ID).lean()) return { seeded: false, journeys: [] };
  const templates = new TemplateCatalog(models);
  for (const template of demoTemplates) if (!(await models.templates.exists({ _id: template.id }))) await templates.create(template);
  const journeys = new JourneyService(runtime.journeys);
  for (const example of exampleJourneys) {
    if (!(await models.journeys.exists({ _id: example.id }))) await journeys.create({ id: example.id, name: example.name, description: example.description, graph: example.graph });
    if ((await journeys.get(example.id)).publishedVersion === null) await journeys.publish(example.id);
  }
  await models.seedRuns.updateOne({ _id: DEMO_JOURNEYS_SEED_ID }, { $setOnInsert: { version: 1, summary: {}, completedAt: new Date() } }, { upsert: true });
  return { seeded: true, journeys: exampleJourneys.map((example) => example.id) };
}
