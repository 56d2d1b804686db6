import { Client, Connection } from '@temporalio/client';
import { Ingestion } from '../../ingestion/pipeline';
import { createSegmentRuntime, type SegmentRuntimeOptions } from '../../segments/runtime';
import type { Store } from '../../store/connection';
import { testConfig } from './env';

/**
 * A process's segment engine on a test store, listening to `ingestion` (a fresh pipeline by default),
 * with a lazy Temporal client for the clock and background evaluations.
 */
export function testSegmentRuntime(
  store: Store,
  options: Partial<Pick<SegmentRuntimeOptions, 'clock' | 'now' | 'clockResolutionMs' | 'taskQueue'>> & { ingestion?: Ingestion; temporalAddress?: string } = {},
) {
  const config = testConfig();
  const ingestion = options.ingestion ?? new Ingestion(store.models);
  const connection = Connection.lazy({ address: options.temporalAddress ?? config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const runtime = createSegmentRuntime({
    models: store.models,
    ingestion,
    temporal: () => client,
    taskQueue: options.taskQueue ?? config.temporal.taskQueue,
    clockResolutionMs: options.clockResolutionMs ?? 1_000,
    clock: options.clock,
    now: options.now,
  });
  return {
    ...runtime,
    ingestion,
    client,
    async close() {
      runtime.stop();
      await connection.close();
    },
  };
}
