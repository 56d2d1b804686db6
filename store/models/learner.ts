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
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'learners', minimize: false },
);
learnerSchema.index({ userId: 1 });
learnerSchema.index({ emails: 1 });
learnerSchema.index({ mergedInto: 1 });

export type LearnerDocument = InferSchemaType<typeof learnerSchema> & { _id: string };

export function learnerModel(connection: Connection) {
  return connection.model('Learner', learnerSchema);
}
