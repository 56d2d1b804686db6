import { escapeRegex } from '../../store/regex';
import type { LearnerEventView, LearnerView } from '../../domain/learners';
import type { StoreModels } from '../../store/connection';
import type { LearnerEventDocument } from '../../store/models/learnerEvent';
import type { LearnerDocument } from '../../store/models/learner';
import { liveLearner } from '../../store/liveLearner';

const iso = (value: Date | string) => new Date(value).toISOString();

function toView(doc: LearnerDocument, mergedLearnerIds: string[]): LearnerView {
  return {
    learnerId: doc._id,
    userId: doc.userId ?? null,
    emails: doc.emails ?? [],
    anonymousIds: doc.anonymousIds ?? [],
    groups: doc.groups ?? [],
    traits: (doc.traits ?? {}) as Record<string, unknown>,
    traitsUpdatedAt: Object.fromEntries(Object.entries((doc.traitsUpdatedAt ?? {}) as Record<string, Date>).map(([trait, at]) => [trait, iso(at)])),
    mergedLearnerIds,
    createdAt: iso(doc.createdAt),
    updatedAt: iso(doc.updatedAt),
  };
}

function toEventView(doc: LearnerEventDocument): LearnerEventView {
  return {
    messageId: doc._id,
    type: doc.type,
    name: doc.name,
    courseId: doc.courseId ?? null,
    properties: (doc.properties ?? {}) as Record<string, unknown>,
    timestamp: iso(doc.timestamp),
    receivedAt: iso(doc.receivedAt),
    source: doc.source as LearnerEventView['source'],
  };
}

/** Reads of learner profiles and timelines for the designer and integrators. */
export class LearnerQueries {
  constructor(private readonly models: Pick<StoreModels, 'learners' | 'learnerEvents'>) {}

  /** Learners whose email, userId or name starts with the query (case-insensitive), merged ones left out. */
  async search(query: string, limit: number): Promise<LearnerView[]> {
    const prefix = new RegExp(`^${escapeRegex(query.trim())}`, 'i');
    const docs = await this.models.learners
      .find({ mergedInto: null, $or: [{ emails: query.trim().toLowerCase() }, { userId: query.trim() }, { 'traits.name': prefix }, { 'traits.email': prefix }] })
      .sort({ _id: 1 })
      .limit(limit)
      .lean<LearnerDocument[]>();
    return Promise.all(docs.map(async (doc) => toView(doc, await this.mergedInto(doc._id))));
  }

  /** A profile; for a merged learner id, the profile it was merged into. */
  async profile(learnerId: string): Promise<LearnerView | undefined> {
    const doc = await liveLearner(this.models, learnerId);
    return doc ? toView(doc, await this.mergedInto(doc._id)) : undefined;
  }

  /**
   * Newest first, `before` an ISO time for the next page. Events of merged profiles are included
   * even if a merge was interrupted before re-pointing them.
   */
  async timeline(view: LearnerView, options: { limit: number; before?: string }): Promise<LearnerEventView[]> {
    const docs = await this.models.learnerEvents
      .find({ learnerId: { $in: [view.learnerId, ...view.mergedLearnerIds] }, ...(options.before ? { timestamp: { $lt: new Date(options.before) } } : {}) })
      .sort({ timestamp: -1 })
      .limit(options.limit)
      .lean<LearnerEventDocument[]>();
    return docs.map(toEventView);
  }

  private async mergedInto(learnerId: string): Promise<string[]> {
    const found: string[] = [];
    let frontier = [learnerId];
    for (let depth = 0; frontier.length > 0 && depth < 10; depth += 1) {
      const docs = await this.models.learners.find({ mergedInto: { $in: frontier } }, { _id: 1 }).lean<{ _id: string }[]>();
      frontier = docs.map((doc) => doc._id);
      found.push(...frontier);
    }
    return found;
  }
}
