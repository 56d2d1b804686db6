import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One learner profile. Writes go through ingestion/profiles.ts, which updates it with a
 * compare-and-set on `revision` (the store has no transactions).
 */
const learnerSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String },
    emails: { type: [String], default: [] },
    anonymousIds: { type: [String], default: [] },
    traits: { type: Schema.Types.Mixed, default: {} },
    /** When each trait was last set (message time), so an older message never overwrites a newer value. */
    traitsUpdatedAt: { type: Schema.Types.Mixed, default: {} },
    groups: { type: [String], default: [] },
    /** Set when this profile was found to be the same person as another and merged into it. */
    mergedInto: { type: String, default: null },
    /** What segment rules read about behaviour (domain/segments/behaviour.ts), updated with each event. */
    behaviour: { type: Schema.Types.Mixed, default: {} },
    /** Segments the learner is in now. */
    segmentIds: { type: [String], default: [] },
    /** Per segment ever evaluated: in or out, since when, and how many transitions so far (ids them). */
    memberships: { type: Schema.Types.Mixed, default: {} },
    /** When segments were first evaluated for this learner (until then every segment is looked at). */
    segmentsEvaluatedAt: { type: Date, default: null },
    /** The next moment a segment membership could change with no new data (null: none pending). */
    segmentsDueAt: { type: Date, default: null },
    /** When the segment clock will wake this learner (already requested). */
    segmentsWakeAt: { type: Date, default: null },
    /** Side effects of a membership write still to be carried out (segments/membership.ts). */
    segmentOutbox: { type: [Schema.Types.Mixed], default: [] },
    /** Marketing messages let through in the last 7 days (send id, run time): what frequency caps count. */
    marketingSends: { type: [Schema.Types.Mixed], default: [] },
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'learners', minimize: false },
);
learnerSchema.index({ userId: 1 });
learnerSchema.index({ emails: 1 });
learnerSchema.index({ mergedInto: 1 });
learnerSchema.index({ segmentIds: 1 });

export type LearnerDocument = InferSchemaType<typeof learnerSchema> & { _id: string };

export function learnerModel(connection: Connection) {
  return connection.model('Learner', learnerSchema);
}
