import { runCli, withStore } from '../store/cli';
import { seedDemo } from './seedDemo';

/** `npm run seed`: loads the demo workspace and its example segments into the configured store unless already there. */
runCli(() =>
  withStore(async (store, config) => {
    for (const line of await seedDemo(store, config)) console.log(line);
    return 0;
  }),
);
