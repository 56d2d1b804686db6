import { Schema, type Connection } from 'mongoose';

const learnerSchema = new Schema(
  {
    _id: { type: String, required: true },
    userId: { type: String, index: true },
    emails: { type: [String], default: [], index: true },
    anonymousIds: { type: [String], default: [], index: true },
    traits: { type: Schema.Types.Mixed, default: {} },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'learners', minimize: false },
);

export function learnerModel(connection: Connection) {
  return connection.model('Learner', learnerSchema);
}
