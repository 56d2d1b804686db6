import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { eventSources } from '../../domain/learners';
import { messageTypes } from '../../domain/ingestion/segmentMessages';

/**
 * One accepted message, `_id` = its messageId, so a resent message is stored once. Messages whose
 * profile effects (traits, merges) are still being applied are `pending`; a retry of the same
 * message finishes them instead of skipping them as a duplicate.
 */
const learnerEventSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    type: { type: String, enum: messageTypes, required: true },
    name: { type: String, required: true },
    courseId: { type: String },
    properties: { type: Schema.Types.Mixed, default: {} },
    context: { type: Schema.Types.Mixed },
    timestamp: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    source: { type: String, enum: eventSources, required: true },
    status: { type: String, enum: ['pending', 'applied'], default: 'applied' },
  },
  { versionKey: false, collection: 'learner_events', minimize: false },
);
learnerEventSchema.index({ learnerId: 1, timestamp: -1 });
learnerEventSchema.index({ name: 1, timestamp: -1 });

export type LearnerEventDocument = InferSchemaType<typeof learnerEventSchema> & { _id: string };

export function learnerEventModel(connection: Connection) {
  return connection.model('LearnerEvent', learnerEventSchema);
}
