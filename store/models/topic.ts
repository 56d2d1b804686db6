import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** A subscription topic learners opt in to or out of (e.g. course-updates, promotions). */
const topicSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String },
    /** Opting in must be confirmed by the learner; with no record the learner is not subscribed. */
    doubleOptIn: { type: Boolean, default: false },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'topics', strict: false },
);

export type TopicDocument = InferSchemaType<typeof topicSchema> & { _id: string };

export function topicModel(connection: Connection) {
  return connection.model('Topic', topicSchema);
}
