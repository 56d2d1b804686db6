import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * One counter per rate-limited resource and minute, incremented atomically by every process that
 * uses the resource; the limit holds across all of them without a lock.
 */
const rateLimitWindowSchema = new Schema(
  {
    /** `${resource}:${windowStart ISO}` — one document per resource and window. */
    _id: { type: String, required: true },
    resource: { type: String, required: true },
    windowStart: { type: Date, required: true },
    count: { type: Number, required: true },
  },
  { versionKey: false, collection: 'rate_limit_windows' },
);

export type RateLimitWindowDocument = InferSchemaType<typeof rateLimitWindowSchema> & { _id: string };

export function rateLimitWindowModel(connection: Connection) {
  return connection.model('RateLimitWindow', rateLimitWindowSchema);
}
