import { NativeConnection } from '@temporalio/worker';
import { dataConverterFrom } from '../../runtime/dataConverter';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import { createWorker } from '../../worker/createWorker';
import { testConfig } from './env';
import { workerDependencies } from './segments';
import { workflowBundle } from './workflowBundle';

/** A worker on the test dev server polling `taskQueue` with the activities of `runtime`, running until stopped. */
export async function startTestWorker(store: Store, runtime: ProcessRuntime, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const config = testConfig();
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({ connection, namespace: config.temporal.namespace, taskQueue, dependencies: workerDependencies(store, runtime), workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(config) });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
