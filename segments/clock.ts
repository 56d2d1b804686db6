import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { segmentClockWorkflow, learnersDueSignal } from '../workflows/segmentClock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SHARDS = 16;

/**
 * When the clock should wake a learner whose membership could change at `dueAt`. Near moments are
 * rounded up to `resolutionMs` (at most that late); far ones are rounded down to the hour or minute, so
 * many learners share a few timers and, once woken early, get a finer wake-up.
 */
export function wakeTime(dueAt: number, now: number, resolutionMs: number): number {
  const ahead = dueAt - now;
  if (ahead > 2 * HOUR) return Math.floor(dueAt / HOUR) * HOUR;
  if (ahead > 10 * MINUTE) return Math.floor(dueAt / MINUTE) * MINUTE;
  return Math.ceil(dueAt / resolutionMs) * resolutionMs;
}

export interface Wake {
  learnerId: string;
  at: number;
}

/** Wakes learners at given moments, durably, so time-passing membership changes happen on time. */
export interface SegmentClock {
  wake(wakes: readonly Wake[]): Promise<void>;
}

const shardOf = (learnerId: string) => createHash('sha1').update(learnerId).digest()[0]! % SHARDS;

/**
 * One readable id per task queue (deployment), wake-up moment and shard, e.g.
 * `segment-clock-course-journeys-2026-11-28T10:15:00.000Z-2`.
 */
export const clockWorkflowId = (taskQueue: string, at: number, shard: number) => `segment-clock-${taskQueue}-${new Date(at).toISOString()}-${shard}`;

/** Wake-ups asked for within this long of each other go to the clock together. */
const BATCH_WINDOW_MS = 250;

/**
 * The clock on Temporal: one workflow per wake-up moment (and shard) sleeps on a durable timer and
 * then re-evaluates the learners signalled to it. No scan of all learners ever happens, and timers
 * survive restarts of every process.
 *
 * Wake-ups asked for within `BATCH_WINDOW_MS` are sent together, one signal per wake-up moment, to the
 * shard of the first learner: a busy process makes a few signals a second instead of one per learner
 * entering a segment (each signal is history events and a workflow task for Temporal). A wake-up is
 * durable only once sent; until then it stays in the learner's outbox, so the short wait loses nothing.
 */
export class TemporalSegmentClock implements SegmentClock {
  private batch: { wakes: Wake[]; sent: Promise<void> } | undefined;

  constructor(
    private readonly client: () => Client,
    private readonly taskQueue: string,
    private readonly batchWindowMs = BATCH_WINDOW_MS,
  ) {}

  wake(wakes: readonly Wake[]): Promise<void> {
    const batch = (this.batch ??= this.nextBatch());
    batch.wakes.push(...wakes);
    return batch.sent;
  }

  private nextBatch(): { wakes: Wake[]; sent: Promise<void> } {
    const wakes: Wake[] = [];
    const sent = new Promise((resolve) => setTimeout(resolve, this.batchWindowMs)).then(() => {
      this.batch = undefined;
      return this.signal(wakes);
    });
    return { wakes, sent };
  }

  private async signal(wakes: readonly Wake[]): Promise<void> {
    const groups = new Map<number, string[]>();
    for (const wake of wakes) {
      const learnerIds = groups.get(wake.at) ?? [];
      learnerIds.push(wake.learnerId);
      groups.set(wake.at, learnerIds);
    }
    await Promise.all(
      [...groups].map(([at, learnerIds]) =>
        this.client().workflow.signalWithStart(segmentClockWorkflow, {
          workflowId: clockWorkflowId(this.taskQueue, at, shardOf(learnerIds[0]!)),
          taskQueue: this.taskQueue,
          args: [{ wakeAt: at }],
          signal: learnersDueSignal,
          signalArgs: [[...new Set(learnerIds)]],
        }),
      ),
    );
  }
}
