import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The outbox's to-do list: one small document per send queued for delivery and not settled yet
 * (`_id` = the send's id in the ledger, which stays the truth about it). The delivery service scans
 * this instead of the ledger, because FerretDB answers any query other than one `_id` by reading the
 * whole collection, and the ledger only grows: scanning it five times a second cost a core at ~20,000
 * sends. Entries are removed once their send is settled.
 */
const deliveryQueueSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** When the delivery service should look at it next (a claimer's lease end, a retry's backoff). */
    dueAt: { type: Date, required: true },
    /** When it was first queued: an entry whose send never got queued (its run ended meanwhile) is dropped after a day. */
    since: { type: Date, required: true },
  },
  { versionKey: false, collection: 'delivery_queue' },
);
deliveryQueueSchema.index({ dueAt: 1 });

export type DeliveryQueueDocument = InferSchemaType<typeof deliveryQueueSchema> & { _id: string };

export function deliveryQueueModel(connection: Connection) {
  return connection.model('DeliveryQueueEntry', deliveryQueueSchema);
}
