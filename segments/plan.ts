import { recordEvents, type BehaviourSummary, type LearnerFacts, type RecordedEvent } from '../domain/segments';
import type { LearnerDocument } from '../store/models/learner';
import { wakeTime } from './clock';
import type { ActiveSegment, ActiveSegments, EvaluationCause } from './definitions';

export interface MembershipState {
  in: boolean;
  since: Date;
  /** Transitions so far; the n-th transition's id ends in n, so a repeated write cannot repeat one. */
  seq: number;
}

/** A side effect owed after a membership write: a transition to announce or a wake-up to request. */
export interface OutboxEntry {
  id: string;
  type: 'entered' | 'exited' | 'wake';
  at: Date;
  segmentId?: string;
  segmentName?: string;
}

export interface PlanInput {
  cause: EvaluationCause;
  now: number;
  /** New events to fold into the behaviour summary (replays are recognised and skipped). */
  record?: readonly RecordedEvent[];
  /** Static list memberships to set. */
  lists?: ReadonlyMap<string, boolean>;
  /** The wake-up that caused this evaluation, if the clock did. */
  wokenAt?: number;
  clockResolutionMs: number;
}

export interface Plan {
  /** Fields to write, or undefined when nothing changed. */
  set?: Record<string, unknown>;
  outbox: OutboxEntry[];
  transitions: OutboxEntry[];
}

/** A wake-up requested this long ago that has not rung is asked for again (the clock may have been down). */
const OVERDUE_WAKE_MS = 10 * 60_000;

const transitionId = (segmentId: string, learnerId: string, seq: number) => `segment:${segmentId}:${learnerId}:${seq}`;

/** The event a transition is announced as, stored under the transition's id. */
export const transitionEvent = (entry: OutboxEntry): RecordedEvent => ({
  id: entry.id,
  name: entry.type === 'entered' ? 'Segment Entered' : 'Segment Exited',
  at: new Date(entry.at).getTime(),
  properties: { segmentId: entry.segmentId, segmentName: entry.segmentName },
});

/**
 * Decides one learner's memberships from its stored state (pure: runs inside a serialised write, so
 * it may run again on a newer state). Only segments reading what changed are evaluated — plus, on a
 * learner's first evaluation, every segment, and any segment whose referenced segments changed in this
 * same pass (evaluation order puts those first).
 */
export function planMemberships(doc: LearnerDocument, segments: ActiveSegments, input: PlanInput): Plan {
  // Woken by the clock, it is at least the wake-up time, whatever this machine's clock says (skew,
  // or time skipped in tests); otherwise the learner would ask for the same wake-up again.
  const now = Math.max(input.now, input.wokenAt ?? -Infinity);
  const recorded = input.record?.length ? recordEvents((doc.behaviour ?? {}) as BehaviourSummary, [...input.record]) : { summary: (doc.behaviour ?? {}) as BehaviourSummary, added: [] };
  const memberships: Record<string, MembershipState> = { ...((doc.memberships ?? {}) as Record<string, MembershipState>) };
  const current = new Set(doc.segmentIds ?? []);
  const facts: LearnerFacts = { traits: (doc.traits ?? {}) as Record<string, unknown>, behaviour: recorded.summary, memberships: current };
  const firstEvaluation = !doc.segmentsEvaluatedAt;
  const touched = segments.touchedBy(input.cause);
  const changedNow = new Set<string>();
  const transitions: OutboxEntry[] = [];

  const move = (segment: ActiveSegment, entering: boolean) => {
    const seq = (memberships[segment.id]?.seq ?? 0) + 1;
    memberships[segment.id] = { in: entering, since: new Date(now), seq };
    if (entering) current.add(segment.id);
    else current.delete(segment.id);
    changedNow.add(segment.id);
    transitions.push({ id: transitionId(segment.id, doc._id, seq), type: entering ? 'entered' : 'exited', at: new Date(now), segmentId: segment.id, segmentName: segment.name });
  };

  for (const [segmentId, member] of input.lists ?? []) {
    const segment = segments.byId.get(segmentId);
    if (segment && member !== current.has(segmentId)) move(segment, member);
  }
  for (const segment of segments.ordered) {
    if (segment.kind !== 'dynamic') continue;
    if (!firstEvaluation && !touched.has(segment.id) && !segment.dependsOn.segments.some((id) => changedNow.has(id))) continue;
    const matches = segments.evaluate(segment, facts, now);
    if (matches !== current.has(segment.id)) move(segment, matches);
  }

  // The transitions' own events go into the summary with them: announcing them then finds them there
  // and the learner is not written a second time (segments reading those events are evaluated then).
  const behaviour = transitions.length > 0 ? recordEvents(recorded.summary, transitions.map(transitionEvent)).summary : recorded.summary;
  const dueAt = segments.nextDue({ ...facts, behaviour }, now);
  let wakeAt = doc.segmentsWakeAt ? new Date(doc.segmentsWakeAt).getTime() : null;
  if (wakeAt !== null && ((input.wokenAt !== undefined && wakeAt <= input.wokenAt) || wakeAt < now - OVERDUE_WAKE_MS)) wakeAt = null;
  const outbox = [...((doc.segmentOutbox ?? []) as OutboxEntry[]), ...transitions];
  if (dueAt !== null) {
    const wanted = Math.max(wakeTime(dueAt, now, input.clockResolutionMs), (input.wokenAt ?? -Infinity) + input.clockResolutionMs);
    if (wakeAt === null || wanted < wakeAt) {
      wakeAt = wanted;
      outbox.push({ id: `wake:${doc._id}:${wanted}`, type: 'wake', at: new Date(wanted) });
    }
  }

  const storedDue = doc.segmentsDueAt ? new Date(doc.segmentsDueAt).getTime() : null;
  const storedWake = doc.segmentsWakeAt ? new Date(doc.segmentsWakeAt).getTime() : null;
  const changed = firstEvaluation || recorded.added.length > 0 || transitions.length > 0 || dueAt !== storedDue || wakeAt !== storedWake;
  if (!changed) return { outbox, transitions };
  return {
    outbox,
    transitions,
    set: {
      ...(recorded.added.length > 0 || transitions.length > 0 ? { behaviour } : {}),
      segmentIds: [...current],
      memberships,
      segmentsDueAt: dueAt === null ? null : new Date(dueAt),
      segmentsWakeAt: wakeAt === null ? null : new Date(wakeAt),
      segmentOutbox: outbox,
      segmentsEvaluatedAt: doc.segmentsEvaluatedAt ?? new Date(now),
    },
  };
}
