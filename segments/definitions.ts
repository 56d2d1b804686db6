import { evaluateRule, evaluationOrder, nextChangeAt, type LearnerFacts, type SegmentRule } from '../domain/segments';
import type { StoreModels } from '../store/connection';
import type { SegmentDocument } from '../store/models/segment';

export interface ActiveSegment {
  id: string;
  name: string;
  kind: 'dynamic' | 'static';
  version: number;
  dependsOn: { events: string[]; traits: string[]; segments: string[]; timeDependent: boolean };
  rule?: SegmentRule;
}

/** What a re-evaluation of one learner was caused by; it decides which segments are looked at. */
export type EvaluationCause =
  | { kind: 'change'; events: string[]; traits: string[]; merged: boolean }
  | { kind: 'time' }
  | { kind: 'definitions'; segmentIds: string[] };

/** The active segments of the workspace, in evaluation order (segments a rule refers to come first). */
export class ActiveSegments {
  readonly ordered: ActiveSegment[];
  readonly byId: Map<string, ActiveSegment>;

  constructor(segments: ActiveSegment[]) {
    this.byId = new Map(segments.map((segment) => [segment.id, segment]));
    const order = evaluationOrder(new Map(segments.map((segment) => [segment.id, segment.dependsOn.segments.filter((id) => this.byId.has(id))])));
    this.ordered = order.map((id) => this.byId.get(id)!).filter(Boolean);
  }

  /** Dynamic segments whose rule reads something this cause changed. */
  touchedBy(cause: EvaluationCause): Set<string> {
    const touched = new Set<string>();
    for (const segment of this.ordered) {
      if (segment.kind !== 'dynamic') continue;
      const reads =
        cause.kind === 'definitions'
          ? cause.segmentIds.includes(segment.id)
          : cause.kind === 'time'
            ? segment.dependsOn.timeDependent
            : cause.merged || cause.events.some((event) => segment.dependsOn.events.includes(event)) || cause.traits.some((trait) => segment.dependsOn.traits.includes(trait));
      if (reads) touched.add(segment.id);
    }
    return touched;
  }

  evaluate(segment: ActiveSegment, facts: LearnerFacts, now: number): boolean {
    return evaluateRule(segment.rule!, facts, now);
  }

  /** The earliest moment any time-dependent membership of this learner could change with no new data. */
  nextDue(facts: LearnerFacts, now: number): number | null {
    let due: number | null = null;
    for (const segment of this.ordered) {
      if (segment.kind !== 'dynamic' || !segment.dependsOn.timeDependent) continue;
      const next = nextChangeAt(segment.rule!, facts, now);
      if (next !== null && (due === null || next < due)) due = next;
    }
    return due;
  }
}

export const activeSegmentOf = (doc: SegmentDocument): ActiveSegment => ({
  id: doc._id,
  name: doc.name,
  kind: doc.kind,
  version: doc.version ?? 1,
  dependsOn: {
    events: doc.dependsOn?.events ?? [],
    traits: doc.dependsOn?.traits ?? [],
    segments: doc.dependsOn?.segments ?? [],
    timeDependent: doc.dependsOn?.timeDependent ?? false,
  },
  rule: doc.rule as SegmentRule | undefined,
});

/**
 * The active definitions, read from the store and kept for a short while: every process (API
 * replicas, workers) sees a created or changed segment within `maxAgeMs`, without a message bus.
 */
export class SegmentDefinitions {
  private cached?: { at: number; segments: Promise<ActiveSegments> };

  constructor(
    private readonly models: Pick<StoreModels, 'segments'>,
    private readonly maxAgeMs = 1_000,
  ) {}

  current(): Promise<ActiveSegments> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > this.maxAgeMs) {
      const segments = this.models.segments
        .find({ status: 'active' })
        .lean<SegmentDocument[]>()
        .then((docs) => new ActiveSegments(docs.map(activeSegmentOf)));
      this.cached = { at: now, segments };
      // A failed read is not remembered: the next call tries again.
      segments.catch(() => (this.cached = undefined));
    }
    return this.cached.segments;
  }

  /** After this process changed a definition: the next read sees it at once. */
  forget(): void {
    this.cached = undefined;
  }
}
