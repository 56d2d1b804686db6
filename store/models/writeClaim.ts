import { Schema, type Connection } from 'mongoose';

/**
 * One claimed revision of one document (`_id` = `<collection>:<document id>:<revision>`), inserted
 * before the document is written. See store/serialWrites.ts for why.
 */
const writeClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'write_claims' },
);

export function writeClaimModel(connection: Connection) {
  return connection.model('WriteClaim', writeClaimSchema);
}
