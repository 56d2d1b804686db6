import type { Config } from '../config/env';
import { createProcessRuntime } from '../runtime/processRuntime';
import type { Store } from '../store/connection';
import { seedDemoJourneys } from './seedDemoJourneys';
import { seedDemoSegments } from './seedDemoSegments';
import { seedDemoWorkspace } from './seedDemoWorkspace';

/** The demo workspace and its example segments, each loaded once; returns what to tell the user. */
export async function seedDemo(store: Store, config: Pick<Config, 'env' | 'temporal' | 'smtp' | 'api'>, temporalAddress = config.temporal.address): Promise<string[]> {
  const runtime = createProcessRuntime({ models: store.models, config, log: { warn: (object, message) => console.warn(message, object) }, temporalAddress });
  try {
    const workspace = await seedDemoWorkspace(store.models, runtime.ingestion);
    let journeys: Awaited<ReturnType<typeof seedDemoJourneys>> = { seeded: false, journeys: [] };
    const examples = await seedDemoSegments(runtime.segments, async () => (journeys = await seedDemoJourneys(runtime)));
    return [
      workspace.seeded ? `Loaded the demo workspace: ${workspace.learners} learners, ${workspace.events} events` : 'Demo workspace already loaded',
      ...(journeys.seeded ? [`Published the demo journeys: ${journeys.journeys.join(', ')}`] : []),
      ...(examples.seeded ? [`Computed the example segments: ${Object.entries(examples.sizes).map(([id, size]) => `${id} ${size}`).join(', ')}`] : []),
    ];
  } finally {
    await runtime.close();
  }
}
