import type { RecordedEvent } from '../domain/segments';
import type { ChangedEvent, LearnerChange, LearnerChangedHook } from '../ingestion/learnerChanged';
import type { StoreModels } from '../store/connection';
import type { LearnerDocument } from '../store/models/learner';
import { DocumentMissingError, writeSerially } from '../store/serialWrites';
import type { SegmentClock } from './clock';
import type { EvaluationCause, SegmentDefinitions } from './definitions';
import { planMemberships, transitionEvent, type OutboxEntry, type Plan } from './plan';

export interface MembershipEngineOptions {
  models: Pick<StoreModels, 'learners' | 'writeClaims'>;
  definitions: SegmentDefinitions;
  /** Stores transition events for a learner and announces them (Ingestion.recordLearnerEvents). */
  recordEvents: (learnerId: string, events: ChangedEvent[]) => Promise<void>;
  clock: SegmentClock;
  clockResolutionMs: number;
  now?: () => number;
  /** A wake-up could not be requested (it stays owed and is asked for again at the next evaluation). */
  onClockError?: (error: unknown, learnerId: string) => void;
}

export interface EvaluationOptions {
  record?: readonly RecordedEvent[];
  lists?: ReadonlyMap<string, boolean>;
  wokenAt?: number;
}

const toRecorded = (event: ChangedEvent): RecordedEvent => ({ id: event.messageId, name: event.name, at: event.timestamp.getTime(), properties: event.properties });

const announcement = (entry: OutboxEntry): ChangedEvent => {
  const event = transitionEvent(entry);
  return { messageId: event.id, name: event.name, timestamp: new Date(event.at), properties: event.properties ?? {} };
};

/**
 * Keeps learners' segment memberships true as events arrive and time passes. Each evaluation is one
 * serialised write of the learner (behaviour summary, memberships, next due time and an outbox of the
 * owed side effects), then the outbox is carried out: transitions become Segment Entered / Exited
 * events (their ids make them once-only) and wake-ups go to the clock. A process that dies in between
 * leaves the outbox for the learner's next evaluation, so nothing is lost or announced twice.
 */
export class MembershipEngine {
  private readonly now: () => number;
  /** Outbox entries this process is carrying out right now (announcing one re-enters the engine). */
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: MembershipEngineOptions) {
    this.now = options.now ?? Date.now;
  }

  listen(hook: LearnerChangedHook): () => void {
    return hook.subscribe((change) => this.onLearnerChanged(change));
  }

  async onLearnerChanged(change: LearnerChange): Promise<void> {
    for (const mergedId of change.mergedLearnerIds) await this.leaveAll(mergedId);
    const events = [...change.events, ...change.replayedEvents];
    await this.reevaluate(
      change.learnerId,
      { kind: 'change', events: [...new Set(events.map((event) => event.name))], traits: change.traits, merged: change.mergedLearnerIds.length > 0 },
      { record: events.map(toRecorded) },
    );
  }

  /** Re-evaluates one learner; returns the transitions it made (none if the learner no longer exists). */
  async reevaluate(learnerId: string, cause: EvaluationCause, options: EvaluationOptions = {}): Promise<OutboxEntry[]> {
    const segments = await this.options.definitions.current();
    let plan: Plan = { outbox: [], transitions: [] };
    let written: { id: string };
    try {
      written = await writeSerially<LearnerDocument>({
        model: this.options.models.learners as never,
        claims: this.options.models.writeClaims,
        id: learnerId,
        decide: (doc) => {
          if (doc.mergedInto) return { redirect: doc.mergedInto };
          plan = planMemberships(doc, segments, { cause, now: this.now(), clockResolutionMs: this.options.clockResolutionMs, ...options });
          return plan.set ? { set: plan.set } : undefined;
        },
      });
    } catch (error) {
      if (error instanceof DocumentMissingError) return [];
      throw error;
    }
    await this.carryOut(written.id, plan.outbox);
    return plan.transitions;
  }

  /** A profile merged into another is no longer anyone: it leaves every segment (the survivor is re-evaluated). */
  private async leaveAll(learnerId: string): Promise<void> {
    try {
      await writeSerially<LearnerDocument>({
        model: this.options.models.learners as never,
        claims: this.options.models.writeClaims,
        id: learnerId,
        decide: (doc) => ((doc.segmentIds ?? []).length > 0 || doc.segmentsDueAt ? { set: { segmentIds: [], segmentsDueAt: null, segmentOutbox: [] } } : undefined),
      });
    } catch (error) {
      if (!(error instanceof DocumentMissingError)) throw error;
    }
  }

  private async carryOut(learnerId: string, outbox: OutboxEntry[]): Promise<void> {
    const entries = outbox.filter((entry) => !this.inFlight.has(entry.id));
    if (entries.length === 0) return;
    entries.forEach((entry) => this.inFlight.add(entry.id));
    try {
      const transitions = entries.filter((entry) => entry.type !== 'wake');
      const wakes = entries.filter((entry) => entry.type === 'wake');
      const done = new Set(transitions.map((entry) => entry.id));
      await this.options.recordEvents(learnerId, transitions.map(announcement));
      if (wakes.length > 0) {
        try {
          await this.options.clock.wake(wakes.map((entry) => ({ learnerId, at: new Date(entry.at).getTime() })));
          wakes.forEach((entry) => done.add(entry.id));
        } catch (error) {
          this.options.onClockError?.(error, learnerId);
        }
      }
      if (done.size > 0) await this.removeFromOutbox(learnerId, done);
    } finally {
      entries.forEach((entry) => this.inFlight.delete(entry.id));
    }
  }

  private async removeFromOutbox(learnerId: string, done: Set<string>): Promise<void> {
    try {
      await writeSerially<LearnerDocument>({
        model: this.options.models.learners as never,
        claims: this.options.models.writeClaims,
        id: learnerId,
        decide: (doc) => {
          const outbox = (doc.segmentOutbox ?? []) as OutboxEntry[];
          const remaining = outbox.filter((entry) => !done.has(entry.id));
          return remaining.length === outbox.length ? undefined : { set: { segmentOutbox: remaining } };
        },
      });
    } catch (error) {
      if (!(error instanceof DocumentMissingError)) throw error;
    }
  }
}
