import { Schema, type Connection, type InferSchemaType } from 'mongoose';

/**
 * An immutable saved version of a template (`_id` = `<templateId>:v<n>`): `content` is its
 * StoredTemplateContent (models/template.ts). Sends render the latest and record its number.
 */
const templateVersionSchema = new Schema(
  {
    _id: { type: String, required: true },
    templateId: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, required: true },
    content: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'template_versions' },
);
templateVersionSchema.index({ templateId: 1, version: -1 });

export type TemplateVersionDocument = InferSchemaType<typeof templateVersionSchema> & { _id: string };

export const templateVersionId = (templateId: string, version: number) => `${templateId}:v${version}`;

export function templateVersionModel(connection: Connection) {
  return connection.model('TemplateVersion', templateVersionSchema);
}
