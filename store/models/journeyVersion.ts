import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** A published journey version (`_id` = `<journeyId>:v<n>`): the graph as drawn and what runs interpret. */
const journeyVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    journeyId: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, required: true },
    graph: { type: Schema.Types.Mixed, required: true },
    executable: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'journey_versions', minimize: false },
);

export type JourneyVersionDocument = InferSchemaType<typeof journeyVersionSchema> & { _id: string };

export const journeyVersionId = (journeyId: string, version: number) => `${journeyId}:v${version}`;

export function journeyVersionModel(connection: Connection) {
  return connection.model('JourneyVersion', journeyVersionSchema);
}
