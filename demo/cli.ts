import { Ingestion } from '../ingestion/pipeline';
import { runCli, withStore } from '../store/cli';
import { seedDemoWorkspace } from './seedDemoWorkspace';

/** `npm run seed`: loads the demo workspace into the configured store unless it is already there. */
runCli(() =>
  withStore(async (store) => {
    const outcome = await seedDemoWorkspace(store.models, new Ingestion(store.models));
    console.log(
      outcome.seeded
        ? `Loaded the demo workspace: ${outcome.learners} learners, ${outcome.events} events.`
        : 'The demo workspace is already loaded; nothing to do.',
    );
    return 0;
  }),
);
