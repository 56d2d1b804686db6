import { loadConfig } from '../config/env';
import { Store } from '../store/connection';
import { buildApp } from './app';
import { ApiKeys } from './keys/apiKeys';
import { TemporalGateway } from './temporal';
import { createProcessRuntime } from '../runtime/processRuntime';

/** The API process: serves HTTP until SIGINT/SIGTERM, surviving outages of the store and Temporal. */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = Store.open({ uri: config.store.uri, database: config.store.database });
  const temporal = new TemporalGateway({ address: config.temporal.address, namespace: config.temporal.namespace });
  // The delivery service starts once the app (and so its logger) exists.
  const runtime = createProcessRuntime({ models: store.models, config, log: { warn: (object, message) => app.log.warn(object, message) } });
  const app = await buildApp({
    config,
    models: store.models,
    ingestion: runtime.ingestion,
    segments: runtime.segments,
    journeys: runtime.journeys,
    mailer: runtime.mailer,
    probes: { store: () => store.ping(), temporal: () => temporal.ping() },
  });
  runtime.delivery.start();

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
    await Promise.allSettled([store.close(), temporal.close()]);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await app.listen({ host: config.api.host, port: config.api.port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      console.error(`Port ${config.api.port} (API) is already in use. Stop whatever uses it, or set API_PORT to another port.`);
      process.exit(1);
    }
    throw error;
  }

  // With no admin key yet (a new workspace), create one and show it this once.
  void store
    .waitUntilConnected()
    .then(() => new ApiKeys(store.models).ensureFirstAdminKey())
    .then((secret) => {
      if (secret) app.log.warn({ firstAdminKey: secret }, 'Created the first admin key; it is shown only now, store it safely');
    })
    .catch((error: unknown) => app.log.error({ err: error }, 'could not create the first admin key'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
