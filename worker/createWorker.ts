import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import type { DataConverter } from '@temporalio/common';
import { createActivities, type ActivityDependencies } from '../activities';
import { loadConfig } from '../config/env';
import { dataConverterFrom } from '../runtime/dataConverter';

export const workflowsPath = require.resolve('../workflows');

/** A worker polling the journeys task queue with every workflow and activity of the project. */
export async function createWorker(options: {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  dependencies: ActivityDependencies;
  /** Tests pass a prebuilt bundle to skip re-bundling the workflows for each worker. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /**
   * Payload encryption and failure encoding (runtime/dataConverter.ts). Defaults to the converter of
   * this process's own configuration — what worker/main.ts loads — so no worker polls unencrypted by
   * accident. A prebuilt `workflowBundle` must be bundled with its `failureConverterPath`.
   */
  dataConverter?: DataConverter;
}): Promise<Worker> {
  return Worker.create({
    dataConverter: options.dataConverter ?? dataConverterFrom(loadConfig()),
    connection: options.connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath }),
    activities: createActivities(options.dependencies),
  });
}

/** Retries until the Temporal frontend answers, so a worker started before Temporal simply waits. */
export async function connectWithRetry(
  address: string,
  options: { onRetry: (error: Error, attempt: number) => void; isCancelled: () => boolean },
): Promise<NativeConnection | undefined> {
  for (let attempt = 1; !options.isCancelled(); attempt += 1) {
    try {
      return await NativeConnection.connect({ address });
    } catch (error) {
      options.onRetry(error as Error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
    }
  }
  return undefined;
}
