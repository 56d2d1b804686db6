import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../config/env';
import { Store } from '../../store/connection';

/** The configuration of the services globalSetup started (or the existing ones the env names). */
export function testConfig() {
  return loadConfig(process.env);
}

/** A store on a database of its own, so test files never see each other's documents. */
export async function openTestStore(prefix: string): Promise<Store> {
  const store = Store.open({ uri: testConfig().store.uri, database: `${prefix}_${randomUUID().slice(0, 8)}` });
  await store.waitUntilConnected(30_000);
  return store;
}

export async function dropAndClose(store: Store): Promise<void> {
  await store.connection.dropDatabase();
  await store.close();
}
