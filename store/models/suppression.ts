import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** An address that must not be mailed (`_id` = the lower-cased address), and why. */
const suppressionSchema = new Schema(
  {
    _id: { type: String, required: true },
    reason: { type: String, required: true },
    note: { type: String },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'suppressions', strict: false },
);

export type SuppressionDocument = InferSchemaType<typeof suppressionSchema> & { _id: string };

export function suppressionModel(connection: Connection) {
  return connection.model('Suppression', suppressionSchema);
}
