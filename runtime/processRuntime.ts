import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config/env';
import { createIngestion } from '../ingestion/createIngestion';
import type { Ingestion } from '../ingestion/pipeline';
import { ActiveJourneys } from '../journeys/activeJourneys';
import { JourneyRouter } from '../journeys/router';
import { smtpMailer, type Mailer } from '../messages/mailer';
import { createMessageSender } from '../messages/createSender';
import type { SegmentClock } from '../segments/clock';
import { createSegmentRuntime } from '../segments/runtime';
import type { StoreModels } from '../store/connection';
import { dataConverterFrom } from './dataConverter';

export interface ProcessRuntimeOptions {
  models: StoreModels;
  config: Pick<Config, 'env' | 'temporal' | 'smtp' | 'api'>;
  log: { warn(object: object, message: string): void };
  /** Defaults from `config.temporal`; tests use servers and task queues of their own. */
  temporalAddress?: string;
  taskQueue?: string;
  /** Tests replace these. */
  ingestion?: Ingestion;
  clock?: SegmentClock;
  clockResolutionMs?: number;
  now?: () => number;
  mailer?: Mailer;
  /**
   * Runs the delivery service (the outbox of queued messages) in this process. The API does; the
   * worker must not, so that killing a worker never interrupts a delivery.
   */
  deliver?: boolean;
  /** Defaults to the encrypting converter of `config` (runtime/dataConverter.ts). */
  dataConverter?: DataConverter;
}

/**
 * Everything a process that handles learner data needs, wired once: the ingestion pipeline, the
 * segment engine and the journey router listening to it (in that order: transitions recorded by the
 * engine reach the router), the Temporal client, and the message sender. The API, the worker and the
 * import and seed commands all use it, so data has the same effects whichever way it arrives.
 */
export function createProcessRuntime(options: ProcessRuntimeOptions) {
  const { models, config } = options;
  const pipeline = options.ingestion ? { ingestion: options.ingestion, idle: async () => undefined } : createIngestion(models, config.env, options.log);
  const connection = Connection.lazy({ address: options.temporalAddress ?? config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: options.dataConverter ?? dataConverterFrom(config) });
  const taskQueue = options.taskQueue ?? config.temporal.taskQueue;
  const segments = createSegmentRuntime({
    models,
    ingestion: pipeline.ingestion,
    temporal: () => client,
    taskQueue,
    clockResolutionMs: options.clockResolutionMs ?? config.env.SEGMENT_CLOCK_RESOLUTION_SECONDS * 1_000,
    clock: options.clock,
    now: options.now,
    log: options.log,
  });
  const active = new ActiveJourneys(models);
  const router = new JourneyRouter({ models, journeys: active, client: () => client, taskQueue, now: options.now });
  const stopRouting = router.listen(pipeline.ingestion.hook);
  const mailer = options.mailer ?? smtpMailer({ url: config.smtp.url, from: config.env.MAIL_FROM });
  const messages = createMessageSender({ models, mailer, env: config.env, publicUrl: config.api.publicUrl, log: options.log });
  if (options.deliver) messages.delivery.start();
  return {
    ingestion: pipeline.ingestion,
    client,
    taskQueue,
    segments,
    journeys: { models, ingestion: pipeline.ingestion, sender: messages.sender, router, active, client: () => client, taskQueue, now: options.now },
    delivery: messages.delivery,
    mailer,
    /** Stops listening, waits for background work (enrichment, deliveries under way) and lets go of Temporal and SMTP. */
    async close() {
      segments.stop();
      stopRouting();
      await messages.delivery.stop();
      await pipeline.idle();
      mailer.close();
      await connection.close();
    },
  };
}

export type ProcessRuntime = ReturnType<typeof createProcessRuntime>;
