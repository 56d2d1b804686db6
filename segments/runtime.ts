import type { Client } from '@temporalio/client';
import type { Ingestion } from '../ingestion/pipeline';
import type { StoreModels } from '../store/connection';
import { BulkEvaluation } from './bulk';
import { TemporalSegmentClock, type SegmentClock } from './clock';
import { SegmentDefinitions } from './definitions';
import { startSegmentEvaluation } from './evaluations';
import { MembershipEngine } from './membership';

export interface SegmentRuntimeOptions {
  models: StoreModels;
  ingestion: Ingestion;
  temporal: () => Client;
  taskQueue: string;
  clockResolutionMs: number;
  /** Tests replace the Temporal clock or the time. */
  clock?: SegmentClock;
  now?: () => number;
  log?: { warn(object: object, message: string): void };
}

/**
 * The segment engine of one process (API or worker): definitions, the incremental engine listening to
 * the ingestion hook, the bulk evaluator and the clock.
 */
export function createSegmentRuntime(options: SegmentRuntimeOptions) {
  const definitions = new SegmentDefinitions(options.models);
  const engine = new MembershipEngine({
    models: options.models,
    definitions,
    recordEvents: (learnerId, events) => options.ingestion.recordLearnerEvents(learnerId, events, 'segmentation'),
    clock: options.clock ?? new TemporalSegmentClock(options.temporal, options.taskQueue),
    clockResolutionMs: options.clockResolutionMs,
    now: options.now,
    onClockError: (error, learnerId) => options.log?.warn({ err: (error as Error).message, learnerId }, 'segment clock unavailable; the wake-up is asked for again at the next evaluation'),
  });
  const stopListening = engine.listen(options.ingestion.hook);
  return {
    models: options.models,
    definitions,
    engine,
    bulk: new BulkEvaluation(options.models, options.now),
    startEvaluation: (segmentId: string, version: number) => startSegmentEvaluation(options.temporal(), options.taskQueue, segmentId, version),
    stop: stopListening,
  };
}

export type SegmentRuntime = ReturnType<typeof createSegmentRuntime>;

