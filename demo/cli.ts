import { loadConfig } from '../config/env';
import { Store } from '../store/connection';
import { Ingestion } from '../ingestion/pipeline';
import { seedDemoWorkspace } from './seedDemoWorkspace';

/** `npm run seed`: loads the demo workspace into the configured store unless it is already there. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = Store.open({ uri: config.store.uri, database: config.store.database });
  try {
    await store.waitUntilConnected(15_000);
    const outcome = await seedDemoWorkspace(store.models, new Ingestion(store.models));
    console.log(
      outcome.seeded
        ? `Loaded the demo workspace: ${outcome.learners} learners, ${outcome.events} events.`
        : 'The demo workspace is already loaded; nothing to do.',
    );
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
