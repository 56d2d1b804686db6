import { Ingestion } from '../../ingestion/pipeline';
import type { Mailer } from '../../messages/mailer';
import { createProcessRuntime, type ProcessRuntime } from '../../runtime/processRuntime';
import type { SegmentClock } from '../../segments/clock';
import type { Store } from '../../store/connection';
import { testConfig } from './env';

export interface TestRuntimeOptions {
  ingestion?: Ingestion;
  temporalAddress?: string;
  taskQueue?: string;
  clock?: SegmentClock;
  clockResolutionMs?: number;
  now?: () => number;
  mailer?: Mailer;
}

/**
 * A process's runtime (ingestion, segment engine, journey router, sender) on a test store and the test
 * services, as the API and worker build it. Ingestion is a plain pipeline unless one is given.
 */
export function testRuntime(store: Store, options: TestRuntimeOptions = {}): ProcessRuntime {
  return createProcessRuntime({
    models: store.models,
    config: testConfig(),
    log: { warn: () => undefined },
    ingestion: options.ingestion ?? new Ingestion(store.models),
    clockResolutionMs: options.clockResolutionMs ?? 1_000,
    temporalAddress: options.temporalAddress,
    taskQueue: options.taskQueue,
    clock: options.clock,
    now: options.now,
    mailer: options.mailer,
    deliver: true,
  });
}

/** The segment half of a test runtime, with its ingestion and the whole runtime at hand. */
export function testSegmentRuntime(store: Store, options: TestRuntimeOptions = {}) {
  const runtime = testRuntime(store, options);
  return { ...runtime.segments, ingestion: runtime.ingestion, runtime, close: () => runtime.close() };
}

/** What createWorker needs from a runtime, besides the store ping. */
export const workerDependencies = (store: Store, runtime: ProcessRuntime) => ({ pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys });
