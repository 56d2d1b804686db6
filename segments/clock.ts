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

/**
 * The clock on Temporal: one workflow per wake-up moment (and shard) sleeps on a durable timer and
 * then re-evaluates the learners signalled to it. No scan of all learners ever happens, and timers
 * survive restarts of every process.
 */
export class TemporalSegmentClock implements SegmentClock {
  constructor(
    private readonly client: () => Client,
    private readonly taskQueue: string,
  ) {}

  async wake(wakes: readonly Wake[]): Promise<void> {
    const groups = new Map<string, { at: number; learnerIds: string[] }>();
    for (const wake of wakes) {
      const id = clockWorkflowId(this.taskQueue, wake.at, shardOf(wake.learnerId));
      const group = groups.get(id) ?? { at: wake.at, learnerIds: [] };
      group.learnerIds.push(wake.learnerId);
      groups.set(id, group);
    }
    for (const [workflowId, group] of groups) {
      await this.client().workflow.signalWithStart(segmentClockWorkflow, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ wakeAt: group.at }],
        signal: learnersDueSignal,
        signalArgs: [group.learnerIds],
      });
    }
  }
}
