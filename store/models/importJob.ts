import { Schema, type Connection, type InferSchemaType } from 'mongoose';

export const importJobStatuses = ['running', 'done', 'failed'] as const;

/**
 * One CSV import started through the API, with its progress. Only the process running the import
 * writes the document (FerretDB 1.24 does not apply concurrent updates of one document atomically);
 * any API process can read it.
 */
const importJobSchema = new Schema(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: importJobStatuses, required: true },
    /** hubspot, activecampaign, klaviyo or custom. */
    source: { type: String, required: true },
    mapping: { type: Schema.Types.Mixed, default: null },
    rowsRead: { type: Number, default: 0 },
    imported: { type: Number, default: 0 },
    duplicates: { type: Number, default: 0 },
    /** Rows rejected so far (the API shows it as `errors`; mongoose reserves that name). */
    errorRows: { type: Number, default: 0 },
    bytesRead: { type: Number, default: 0 },
    totalBytes: { type: Number, default: null },
    /** Why the import stopped, when it failed. */
    failure: { type: String, default: null },
    startedAt: { type: Date, required: true },
    /** Last progress write: a running job whose updatedAt stops moving lost its process. */
    updatedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'import_jobs' },
);

export type ImportJobDocument = InferSchemaType<typeof importJobSchema> & { _id: string };

export function importJobModel(connection: Connection) {
  return connection.model('ImportJob', importJobSchema);
}
export type ImportJobModel = ReturnType<typeof importJobModel>;
