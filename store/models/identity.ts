import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * Which learner an identifier belongs to: `_id` is `user:<userId>`, `anon:<anonymousId>` or
 * `email:<address>`. The unique `_id` is the arbiter when two processes meet a new person at once:
 * whoever links the identifier first owns it, and the other merges into that learner.
 */
const identitySchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'identities' },
);
identitySchema.index({ learnerId: 1 });

export type IdentityDocument = InferSchemaType<typeof identitySchema> & { _id: string };

export function identityModel(connection: Connection) {
  return connection.model('Identity', identitySchema);
}
