import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { apiKeyKinds } from '../../domain/apiKeys';

const apiKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    kind: { type: String, enum: apiKeyKinds, required: true },
    /** First characters of the secret, shown in lists so a person can tell keys apart. */
    prefix: { type: String, required: true },
    /** SHA-256 of the secret; the secret itself is never stored. */
    secretHash: { type: String, required: true, unique: true },
    createdAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'api_keys' },
);

export type ApiKeyDocument = InferSchemaType<typeof apiKeySchema> & { _id: string };

export function apiKeyModel(connection: Connection) {
  return connection.model('ApiKey', apiKeySchema);
}
