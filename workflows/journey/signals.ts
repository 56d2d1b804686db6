import { defineQuery, defineSignal } from '@temporalio/workflow';

/** A learner event routed to a run that listens for it; properties are only those the journey's filters read. */
export interface RoutedEvent {
  messageId: string;
  name: string;
  /** Epoch ms. */
  at: number;
  properties: Record<string, string | number | boolean | null>;
}

export interface PathStep {
  nodeId: string;
  type: string;
  label: string;
  /** Epoch ms (workflow time). */
  enteredAt: number;
  /** The output the run left by, once it left. */
  output?: string;
}

export const learnerEventSignal = defineSignal<[RoutedEvent]>('learnerEvent');
/** Sent to held runs when their journey is resumed (they also look again every few minutes). */
export const journeyResumedSignal = defineSignal('journeyResumed');
/** The steps this run has taken so far (the most recent 200). */
export const pathQuery = defineQuery<PathStep[]>('path');
