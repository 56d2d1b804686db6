import pino from 'pino';
import { loadConfig } from '../config/env';
import { Store } from '../store/connection';
import { createProcessRuntime } from '../runtime/processRuntime';
import { connectWithRetry, createWorker } from './createWorker';

/** The worker process: runs journey workflows and their activities until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ name: 'worker', level: config.env.LOG_LEVEL });
  let stopping = false;
  const markStopping = () => (stopping = true);
  process.once('SIGINT', markStopping);
  process.once('SIGTERM', markStopping);

  const store = Store.open({
    uri: config.store.uri,
    database: config.store.database,
    onConnectionProblem: (message) => logger.warn({ message }, 'store connection problem'),
  });
  const connection = await connectWithRetry(config.temporal.address, {
    isCancelled: () => stopping,
    onRetry: (error, attempt) => logger.warn({ err: error.message, attempt }, `waiting for Temporal at ${config.temporal.address}`),
  });
  if (!connection) {
    await store.close();
    return;
  }

  // Activities record segment transitions and profile changes through the same pipeline as the API.
  const runtime = createProcessRuntime({ models: store.models, config, log: logger });

  // The SDK's runtime turns SIGINT/SIGTERM into a graceful shutdown: in-flight activities finish
  // (or are cancelled after the grace period) and run() resolves.
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dependencies: { pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys },
  });
  logger.info({ taskQueue: config.temporal.taskQueue, address: config.temporal.address }, 'worker polling');
  if (stopping) worker.shutdown();
  await worker.run();
  await connection.close();
  await runtime.close();
  await store.close();
  logger.info('worker stopped');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
