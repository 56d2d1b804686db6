import { Schema, type Connection, type InferSchemaType } from 'mongoose';
import type { TemplateContent, TemplateDefaults } from '../../domain/messages/templates';

/**
 * An email template (domain/messages/templates.ts) as last saved; `version` names its immutable copy in
 * `template_versions`, written before this document points at it.
 */
const templateSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    subject: { type: String, required: true },
    html: { type: String, required: true },
    text: { type: String },
    locale: { type: String },
    /** StoredDefault[]: variable paths hold dots, which stored keys may not. */
    defaults: { type: [Schema.Types.Mixed], default: undefined },
    blocks: { type: Schema.Types.Mixed },
    locales: { type: Schema.Types.Mixed },
    version: { type: Number, default: 1 },
    revision: { type: Number, default: 0 },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'templates' },
);

export type TemplateDocument = InferSchemaType<typeof templateSchema> & { _id: string };

export interface StoredDefault {
  variable: string;
  value: string | number | boolean;
}

/** A template's content in the shape both template collections store (no dotted keys). */
export interface StoredTemplateContent extends Omit<TemplateContent, 'defaults'> {
  defaults?: StoredDefault[];
}

export function storedTemplateContent(content: TemplateContent): StoredTemplateContent {
  const { defaults, ...rest } = content;
  const stored = Object.entries(defaults ?? {}).map(([variable, value]) => ({ variable, value }));
  return { ...rest, ...(stored.length > 0 ? { defaults: stored } : {}) };
}

/** The content of a stored template or version; fields never saved stay absent. */
export function templateContentOf(stored: { subject: string; html: string; text?: string | null; locale?: string | null; defaults?: unknown; blocks?: unknown; locales?: unknown }): TemplateContent {
  const defaults: TemplateDefaults = {};
  for (const entry of (stored.defaults ?? []) as StoredDefault[]) Object.defineProperty(defaults, entry.variable, { value: entry.value, enumerable: true, writable: true, configurable: true });
  return {
    subject: stored.subject,
    html: stored.html,
    ...(stored.text ? { text: stored.text } : {}),
    ...(stored.locale ? { locale: stored.locale } : {}),
    ...(Object.keys(defaults).length > 0 ? { defaults } : {}),
    ...(stored.blocks && Object.keys(stored.blocks).length > 0 ? { blocks: stored.blocks as TemplateContent['blocks'] } : {}),
    ...(stored.locales && Object.keys(stored.locales).length > 0 ? { locales: stored.locales as TemplateContent['locales'] } : {}),
  };
}

export function templateModel(connection: Connection) {
  return connection.model('Template', templateSchema);
}
