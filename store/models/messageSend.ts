import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { messageChannels, messageKinds, sendStatuses } from '../../domain/messages/sends';

/**
 * The send ledger: one document per message a journey step owes, `_id` = its idempotency key, so a
 * retried or replayed activity finds the send it already made instead of making another.
 */
const messageSendSchema = new Schema(
  {
    _id: { type: String, required: true },
    learnerId: { type: String, required: true },
    journeyId: { type: String },
    journeyVersion: { type: Number },
    nodeId: { type: String },
    templateId: { type: String, required: true },
    templateVersion: { type: Number },
    channel: { type: String, enum: messageChannels, required: true },
    kind: { type: String, enum: messageKinds, required: true },
    /** Subscription topic of a marketing message. */
    topic: { type: String },
    status: { type: String, enum: sendStatuses, required: true },
    /** Why a send was skipped or failed. */
    reason: { type: String },
    /** The Message-ID header (email). */
    messageId: { type: String },
    providerResponse: { type: String },
    locale: { type: String },
    /** The content variant sent (segment-dependent blocks), also in the links' utm_content. */
    variant: { type: String },
    /** The run's time the send was judged at (frequency caps count these). */
    at: { type: Date },
    deferredUntil: { type: Date },
    /** Each time a cap or quiet hours held the message back (run time, why, until when): a sent message says it was late. */
    deferrals: { type: [Schema.Types.Mixed], default: undefined },
    /** While queued: the rendered message (subject, html, text, headers; webhook URL), dropped once settled. */
    outgoing: { type: Schema.Types.Mixed },
    queuedAt: { type: Date },
    /** While queued: when the delivery service may (re)try it — pushed a lease ahead by the claimer (delivery_queue says which to look at). */
    nextAttemptAt: { type: Date },
    attempts: { type: Number, default: 0 },
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date },
    /** Opens (pixel loads) and clicks recorded for this send (messages/tracking/engagement.ts), and when the first came. */
    openCount: { type: Number },
    clickCount: { type: Number },
    firstOpenedAt: { type: Date },
    firstClickedAt: { type: Date },
  },
  { versionKey: false, collection: 'message_sends' },
);
messageSendSchema.index({ learnerId: 1, createdAt: -1 });
messageSendSchema.index({ learnerId: 1, kind: 1, status: 1, at: -1 });

export type MessageSendDocument = InferSchemaType<typeof messageSendSchema> & { _id: string };

export function messageSendModel(connection: Connection) {
  return connection.model('MessageSend', messageSendSchema);
}
