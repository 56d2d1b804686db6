import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * The rejected rows of a CSV import, a page of them per document (`_id` = `<jobId>:<page>`): FerretDB
 * 1.24 uses an index only for an exact `_id` lookup, so a page is found without reading the whole
 * collection. Written only by the process running the import.
 */
const importErrorSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    page: { type: Number, required: true },
    rows: {
      type: [
        {
          _id: false,
          /** 1-based line of the file the row starts on. */
          line: { type: Number, required: true },
          reason: { type: String, required: true },
          /** The row as written in the file (cut to a length the API can list). */
          row: { type: String, default: '' },
        },
      ],
      default: [],
    },
  },
  { versionKey: false, collection: 'import_errors' },
);

export type ImportErrorDocument = InferSchemaType<typeof importErrorSchema> & { _id: string };

export const importErrorPageId = (jobId: string, page: number) => `${jobId}:${page}`;

export function importErrorModel(connection: Connection) {
  return connection.model('ImportError', importErrorSchema);
}
export type ImportErrorModel = ReturnType<typeof importErrorModel>;
