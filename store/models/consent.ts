import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** One learner's consent to one topic (`_id` = `<learnerId>:<topic>`): the latest state, its source and time. */
const consentSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    topic: { type: String, required: true },
    status: { type: String, required: true },
    source: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'consents', strict: false },
);
consentSchema.index({ learnerId: 1 });

export type ConsentDocument = InferSchemaType<typeof consentSchema> & { _id: string };

export function consentModel(connection: Connection) {
  return connection.model('Consent', consentSchema);
}
