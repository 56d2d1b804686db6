import { loadConfig, type Config } from '../config/env';
import { Store } from './connection';

/** Opens the configured store (MONGODB_URI or the local FerretDB), runs `work` on it, and closes it. */
export async function withStore<T>(work: (store: Store, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = Store.open({ uri: config.store.uri, database: config.store.database });
  try {
    await store.waitUntilConnected(15_000);
    return await work(store, config);
  } finally {
    await store.close();
  }
}

/** Runs a command-line tool's `main` and exits with its status; an error prints its message and exits 1. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    },
  );
}
