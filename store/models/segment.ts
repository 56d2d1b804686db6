import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A segment definition: dynamic (a rule, evaluated by segments/) or static (a list whose members are
 * set explicitly). Learners carry their own memberships (store/models/learner.ts); this document holds
 * the definition and the progress of its latest evaluation over all learners.
 */
const segmentSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    kind: { type: String, enum: ['dynamic', 'static'], required: true },
    /** The rule (domain/segments), for dynamic segments. */
    rule: { type: Schema.Types.Mixed },
    /** What the rule reads: only changes to these re-evaluate it. */
    dependsOn: {
      events: { type: [String], default: [] },
      traits: { type: [String], default: [] },
      segments: { type: [String], default: [] },
      timeDependent: { type: Boolean, default: false },
    },
    status: { type: String, enum: ['active', 'archived'], default: 'active' },
    /** Increases with each change of the definition. */
    version: { type: Number, default: 1 },
    /** The latest evaluation of this definition over all learners (after create, update or a list upload). */
    evaluation: {
      state: { type: String, enum: ['pending', 'running', 'done', 'failed'], default: 'pending' },
      version: { type: Number, default: 1 },
      processed: { type: Number, default: 0 },
      total: { type: Number, default: 0 },
      entered: { type: Number, default: 0 },
      exited: { type: Number, default: 0 },
      startedAt: { type: Date },
      finishedAt: { type: Date },
      error: { type: String },
    },
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'segments', minimize: false },
);

export type SegmentDocument = InferSchemaType<typeof segmentSchema> & { _id: string };

export function segmentModel(connection: Connection) {
  return connection.model('Segment', segmentSchema);
}
