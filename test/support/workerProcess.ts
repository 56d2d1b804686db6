import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../../config/env';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { createProcessRuntime } from '../../runtime/processRuntime';
import { Store } from '../../store/connection';
import { createWorker } from '../../worker/createWorker';

/**
 * A worker as worker/main.ts builds it, in an OS process of its own so a test can SIGKILL it:
 * `node --import tsx test/support/workerProcess.ts <task queue> <bundle file>`, with the store,
 * Temporal and SMTP of the environment (STORE_DATABASE names the test's database). The runtime does not
 * deliver (no `deliver: true`), exactly like the real worker: deliveries belong to the API process.
 * The bundle is prebuilt by the test (webpack takes seconds, too slow for every restart). Prints
 * `READY` once polling; runs until killed or sent SIGTERM.
 */
async function main(): Promise<void> {
  const [taskQueue, bundlePath] = process.argv.slice(2);
  if (!taskQueue || !bundlePath) throw new Error('usage: workerProcess.ts <task queue> <workflow bundle file>');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const config = loadConfig(process.env);
  const log = { warn: (object: object, message: string) => process.stderr.write(`[worker ${process.pid}] ${message} ${JSON.stringify(object)}\n`) };
  const store = Store.open({ uri: config.store.uri, database: config.store.database });
  await store.waitUntilConnected(30_000);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const runtime = createProcessRuntime({ models: store.models, config, log, taskQueue });
  const worker = await createWorker({
    connection,
    namespace: config.temporal.namespace,
    taskQueue,
    dependencies: { pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys },
    workflowBundle: { codePath: bundlePath },
    dataConverter: dataConverterFrom(config),
  });
  const running = worker.run();
  process.stdout.write('READY\n');
  await running;
  await connection.close();
  await runtime.close();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
