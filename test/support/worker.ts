import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection } from '@temporalio/worker';
import { dataConverterFrom } from '../../runtime/dataConverter';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import type { ActivityDependencies } from '../../activities';
import { createWorker } from '../../worker/createWorker';
import { testConfig } from './env';
import { workerDependencies } from './segments';
import { workflowBundle } from './workflowBundle';

/**
 * A worker polling `taskQueue` with the activities of `runtime`, running until stopped: on the test
 * dev server, or on a time-skipping `environment`; `dependencies` replaces the runtime's (e.g. a
 * sender with other limits).
 */
export async function startTestWorker(
  store: Store,
  runtime: ProcessRuntime,
  taskQueue: string,
  options: { environment?: TestWorkflowEnvironment; dependencies?: ActivityDependencies } = {},
): Promise<{ stop(): Promise<void> }> {
  const config = testConfig();
  const own = options.environment ? undefined : await NativeConnection.connect({ address: config.temporal.address });
  const worker = await createWorker({
    connection: options.environment?.nativeConnection ?? own!,
    namespace: options.environment?.namespace ?? config.temporal.namespace,
    taskQueue,
    dependencies: options.dependencies ?? workerDependencies(store, runtime),
    workflowBundle: await workflowBundle(),
    dataConverter: dataConverterFrom(config),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await own?.close();
    },
  };
}
