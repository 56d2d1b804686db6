import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * A journey: its draft graph (what the designer edits) and its lifecycle. Published versions are
 * immutable documents of their own (store/models/journeyVersion.ts).
 */
const journeySchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    description: { type: String, default: '' },
    /** draft: never published; active: takes new entries; paused: no entries, runs hold before messages; archived. */
    status: { type: String, enum: ['draft', 'active', 'paused', 'archived'], default: 'draft' },
    graph: { type: Schema.Types.Mixed, required: true },
    /** The version new entries start on (null until first published). */
    publishedVersion: { type: Number, default: null },
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'journeys', minimize: false },
);

export type JourneyDocument = InferSchemaType<typeof journeySchema> & { _id: string };

export function journeyModel(connection: Connection) {
  return connection.model('Journey', journeySchema);
}
