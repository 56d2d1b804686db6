import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** The audit log: consent changes and data requests (export, erasure), append-only. */
const auditEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    learnerId: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, collection: 'audit_log' },
);
auditEntrySchema.index({ learnerId: 1, at: -1 });

export type AuditEntryDocument = InferSchemaType<typeof auditEntrySchema> & { _id: string };

export function auditEntryModel(connection: Connection) {
  return connection.model('AuditEntry', auditEntrySchema);
}
