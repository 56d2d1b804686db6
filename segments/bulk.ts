import { compileRule, type BehaviourSummary, type LearnerFacts, type SegmentRule } from '../domain/segments';
import type { StoreModels } from '../store/connection';
import type { LearnerDocument } from '../store/models/learner';
import type { ActiveSegments } from './definitions';
import type { MembershipEngine } from './membership';

/** The fields rules read, and nothing else, so a pass over every learner moves as little as possible. */
const EVALUATED_FIELDS = { traits: 1, behaviour: 1, segmentIds: 1, segmentsDueAt: 1 } as const;
type EvaluatedLearner = Pick<LearnerDocument, '_id' | 'traits' | 'behaviour' | 'segmentIds' | 'segmentsDueAt'>;

const factsOf = (doc: EvaluatedLearner): LearnerFacts => ({
  traits: (doc.traits ?? {}) as Record<string, unknown>,
  behaviour: (doc.behaviour ?? {}) as BehaviourSummary,
  memberships: new Set(doc.segmentIds ?? []),
});

/** Every learner (merged-away profiles left out), streamed in batches. */
async function* everyLearner(models: Pick<StoreModels, 'learners'>): AsyncGenerator<EvaluatedLearner> {
  const cursor = models.learners.find({ mergedInto: null }, EVALUATED_FIELDS).lean<EvaluatedLearner[]>().batchSize(1_000).cursor();
  for await (const doc of cursor) yield doc as unknown as EvaluatedLearner;
}

export interface Estimate {
  count: number;
  /** Learners scanned; less than all when the time budget ran out and `count` is extrapolated. */
  scanned: number;
  total: number;
  exact: boolean;
  sample: string[];
}

/**
 * The bulk path: rules compiled once and run over every learner's stored facts in one pass. Used to
 * preview a rule before it is saved and to (re)evaluate segments after a definition changes.
 */
export class BulkEvaluation {
  constructor(
    private readonly models: Pick<StoreModels, 'learners'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** How many learners match a rule now, with up to `sampleSize` of them; stops scanning after `budgetMs`. */
  async estimate(rule: SegmentRule, options: { sampleSize?: number; budgetMs?: number } = {}): Promise<Estimate> {
    const matches = compileRule(rule);
    const sampleSize = options.sampleSize ?? 20;
    const startedAt = Date.now();
    const now = this.now();
    let count = 0;
    let scanned = 0;
    let exact = true;
    const sample: string[] = [];
    for await (const doc of everyLearner(this.models)) {
      scanned += 1;
      if (matches(factsOf(doc), now)) {
        count += 1;
        if (sample.length < sampleSize) sample.push(doc._id);
      }
      if (options.budgetMs !== undefined && scanned % 1_000 === 0 && Date.now() - startedAt > options.budgetMs) {
        exact = false;
        break;
      }
    }
    if (exact) return { count, scanned, total: scanned, exact, sample };
    const total = await this.models.learners.countDocuments({ mergedInto: null });
    return { count: Math.round((count / scanned) * total), scanned, total, exact, sample };
  }

  /**
   * Brings every learner's membership of these segments (and of segments built on them) up to date.
   * Learners whose memberships and next due time the compiled rules find unchanged are not written;
   * the others go through the engine's serialised path, so concurrent events are never overridden.
   */
  async evaluate(
    segments: ActiveSegments,
    segmentIds: string[],
    engine: MembershipEngine,
    onProgress: (progress: { processed: number; entered: number; exited: number }) => Promise<void> | void,
  ): Promise<{ processed: number; entered: number; exited: number }> {
    const affected = new Set(segmentIds);
    for (const segment of segments.ordered) if (segment.dependsOn.segments.some((id) => affected.has(id))) affected.add(segment.id);
    const compiled = segments.ordered.filter((segment) => affected.has(segment.id) && segment.kind === 'dynamic').map((segment) => ({ id: segment.id, matches: compileRule(segment.rule!) }));
    const progress = { processed: 0, entered: 0, exited: 0 };
    let reported = Date.now();
    for await (const doc of everyLearner(this.models)) {
      const facts = factsOf(doc);
      const now = this.now();
      const current = facts.memberships as Set<string>;
      const differs = compiled.some(({ id, matches }) => matches(facts, now) !== current.has(id));
      const due = segments.nextDue(facts, now);
      const storedDue = doc.segmentsDueAt ? new Date(doc.segmentsDueAt).getTime() : null;
      if (differs || due !== storedDue) {
        for (const transition of await engine.reevaluate(doc._id, { kind: 'definitions', segmentIds: [...affected] })) {
          if (transition.type === 'entered') progress.entered += 1;
          else progress.exited += 1;
        }
      }
      progress.processed += 1;
      if (Date.now() - reported > 1_000) {
        reported = Date.now();
        await onProgress({ ...progress });
      }
    }
    await onProgress({ ...progress });
    return progress;
  }
}
