import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/** An email template (domain/messages/templates.ts); `version` increases with each change. */
const templateSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    subject: { type: String, required: true },
    html: { type: String, required: true },
    text: { type: String },
    version: { type: Number, default: 1 },
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'templates' },
);

export type TemplateDocument = InferSchemaType<typeof templateSchema> & { _id: string };

export function templateModel(connection: Connection) {
  return connection.model('Template', templateSchema);
}
