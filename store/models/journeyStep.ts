import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One run entering or leaving one node (`_id` = `<run>:<node>:<visit>:<kind>`, so a retried record is
 * stored once). Per-node counts — entered, waiting now, left by each output — are sums over these.
 */
const journeyStepSchema = new Schema(
  {
    _id: { type: String, required: true },
    journeyId: { type: String, required: true },
    version: { type: Number, required: true },
    learnerId: { type: String, required: true },
    nodeId: { type: String, required: true },
    kind: { type: String, enum: ['entered', 'left'], required: true },
    output: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'journey_steps' },
);
journeyStepSchema.index({ journeyId: 1, nodeId: 1 });

export type JourneyStepDocument = InferSchemaType<typeof journeyStepSchema> & { _id: string };

export function journeyStepModel(connection: Connection) {
  return connection.model('JourneyStep', journeyStepSchema);
}
