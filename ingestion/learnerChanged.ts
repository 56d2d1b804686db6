/**
 * The one hook through which everything downstream (the segment engine, journey triggers) learns that
 * a learner changed: called once per learner per ingestion call, after the change is stored.
 */
export interface ChangedEvent {
  messageId: string;
  /** Canonical event name (identify calls are 'Identified', etc.). */
  name: string;
  timestamp: Date;
  properties: Record<string, unknown>;
}

export interface LearnerChange {
  learnerId: string;
  /** The events stored for this learner, in the order received. */
  events: ChangedEvent[];
  /**
   * Events of this learner that were sent again (same messageId) and stored earlier. The store is
   * unchanged, but a process may have died after storing them and before its listeners finished, so
   * listeners whose work is idempotent redo it.
   */
  replayedEvents: ChangedEvent[];
  /** Traits whose value changed. */
  traits: string[];
  /** Learners merged into this one (their events and traits are now this learner's). */
  mergedLearnerIds: string[];
}

export type LearnerChangedListener = (change: LearnerChange) => Promise<void> | void;

export class LearnerChangedHook {
  private readonly listeners: LearnerChangedListener[] = [];

  subscribe(listener: LearnerChangedListener): () => void {
    this.listeners.push(listener);
    return () => this.listeners.splice(this.listeners.indexOf(listener), 1);
  }

  async emit(change: LearnerChange): Promise<void> {
    for (const listener of this.listeners) await listener(change);
  }
}
