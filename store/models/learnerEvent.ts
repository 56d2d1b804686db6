import { Schema, type Connection } from 'mongoose';
import { eventSources } from '../../domain/learners';

/** One learner event; `_id` is the sender's messageId, so a resent event is stored once. */
const learnerEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    name: { type: String, required: true },
    courseId: { type: String },
    properties: { type: Schema.Types.Mixed, default: {} },
    timestamp: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    source: { type: String, enum: eventSources, required: true },
  },
  { versionKey: false, collection: 'learner_events', minimize: false },
);
learnerEventSchema.index({ learnerId: 1, timestamp: -1 });
learnerEventSchema.index({ name: 1, timestamp: -1 });

export function learnerEventModel(connection: Connection) {
  return connection.model('LearnerEvent', learnerEventSchema);
}
