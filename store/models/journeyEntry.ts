import { Schema, type Connection } from 'mongoose';

/**
 * Entries already made, so that they are made once: `trigger:<journey>:<messageId>` (an event that
 * started a run, even if resent) and `once:<journey>:<learner>[:<key>]` (journeys entered once ever).
 */
const journeyEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    journeyId: { type: String, required: true },
    learnerId: { type: String, required: true },
    workflowId: { type: String, required: true },
    at: { type: Date, required: true },
  },
  { versionKey: false, collection: 'journey_entries' },
);

export function journeyEntryModel(connection: Connection) {
  return connection.model('JourneyEntry', journeyEntrySchema);
}
