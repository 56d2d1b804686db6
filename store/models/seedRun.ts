import { Schema, type Connection } from 'mongoose';

/** Marks a seed (e.g. the demo workspace) as loaded, so restarts never load it twice. */
const seedRunSchema = new Schema(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    summary: { type: Schema.Types.Mixed, default: {} },
    completedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'seed_runs' },
);

export function seedRunModel(connection: Connection) {
  return connection.model('SeedRun', seedRunSchema);
}
