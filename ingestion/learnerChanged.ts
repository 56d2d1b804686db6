/**
 * The one hook through which everything downstream (the segment engine, journey triggers) learns that
 * a learner changed: called once per learner per ingestion call, after the change is stored.
 */
export interface LearnerChange {
  learnerId: string;
  /** Names of the events stored for this learner, in the order received. */
  events: string[];
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
