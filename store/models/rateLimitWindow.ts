import { Schema, type Connection } from 'mongoose';

/**
 * The calls claimed in per-minute rate-limit windows, one document per call: a window with a limit
 * of N has at most N documents, `${resource}:${windowStart ISO}:1` … `:N`. Claiming a call is
 * inserting the next free slot, which the unique `_id` makes safe between any number of processes.
 * (A counter incremented with `$inc` would be simpler, but FerretDB 1.24 applies update operators
 * as a read followed by a write: concurrent increments get lost, so the limit would not hold.)
 */
const rateLimitWindowSchema = new Schema(
  {
    _id: { type: String, required: true },
    resource: { type: String, required: true },
    windowStart: { type: Date, required: true },
  },
  { versionKey: false, collection: 'rate_limit_windows' },
);
// Counting a window's claims and clearing finished windows look documents up by these two fields.
rateLimitWindowSchema.index({ resource: 1, windowStart: 1 });

export function rateLimitWindowModel(connection: Connection) {
  return connection.model('RateLimitWindow', rateLimitWindowSchema);
}
