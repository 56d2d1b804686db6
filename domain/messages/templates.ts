import { z } from 'zod';
import { segmentIdSchema } from '../segments/definition';

/** Template ids are readable slugs (journeys refer to them). */
export const templateIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lowercase letters, digits and dashes');

/** A language tag such as `fr`, `fr-CA` or `pt_BR` (compared case-insensitively, `_` read as `-`). */
export const localeSchema = z.string().regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$/, 'a language tag such as fr or fr-CA');

// Names that would reach Object.prototype when used as keys.
const reserved = new Set(['__proto__', 'constructor', 'prototype']);
const notReserved = (name: string) => name.split('.').every((part) => !reserved.has(part));

/** A variable a template may read through a dotted path, e.g. `learner.firstName` or `courseName`. */
export const templateVariableSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,5}$/, 'a dotted path of names, e.g. learner.firstName')
  .refine(notReserved, 'a reserved name');

/** Block names are Liquid identifiers so that `{{ blocks.<name>.headline }}` reaches them. */
export const blockNameSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,39}$/, 'letters, digits and underscores, not starting with a digit')
  .refine(notReserved, 'a reserved name');

/**
 * What the variables of a template are (the roots Liquid sees). Anything else a template reads is
 * reported as a warning at save unless the template's `defaults` name it.
 */
export const templateVariableRoots = {
  learner: "the learner's traits and learnerId",
  event: "the properties of the event that started the journey run",
  blocks: 'the dynamic content blocks, each as { headline, imageUrl, ctaLabel, ctaUrl, segmentId }',
  interests: "course interests: the learner's interests trait, then courses of recent activity (newest first)",
  activity: 'recent activity: { recent: [{ name, at, …properties }], last, lastAt, counts: { <event name>: n } }',
  segments: 'ids of the segments the learner is in',
} as const;
export type TemplateVariableRoot = keyof typeof templateVariableRoots;

/** The Liquid of one message: subject, HTML and an optional plain-text part. */
export const messageContentSchema = z.object({
  subject: z.string().min(1).max(500),
  html: z.string().min(1).max(200_000),
  text: z.string().max(200_000).optional().describe('plain-text part; derived from the HTML when left out'),
});
export type MessageContent = z.infer<typeof messageContentSchema>;

/** What a content block shows; every field is Liquid. */
export const blockContentSchema = z.object({
  headline: z.string().min(1).max(500),
  imageUrl: z.string().min(1).max(2_000).optional(),
  ctaLabel: z.string().min(1).max(200),
  ctaUrl: z.string().min(1).max(2_000),
});
export type BlockContent = z.infer<typeof blockContentSchema>;

export const blockVariantSchema = blockContentSchema.extend({
  segmentId: segmentIdSchema.describe('shown to members of this segment'),
});
export type BlockVariant = z.infer<typeof blockVariantSchema>;

/** A block whose content depends on segment membership: the first variant whose segment holds the learner, else the default. */
export const contentBlockSchema = z.object({
  variants: z.array(blockVariantSchema).max(20).default([]),
  default: blockContentSchema,
});
export type ContentBlock = z.infer<typeof contentBlockSchema>;

export const contentBlocksSchema = z.record(blockNameSchema, contentBlockSchema);
export type ContentBlocks = z.infer<typeof contentBlocksSchema>;

/** A translation of the message; its blocks replace the template's blocks of the same name. */
export const localeVariantSchema = messageContentSchema.extend({
  blocks: contentBlocksSchema.optional(),
});
export type LocaleVariant = z.infer<typeof localeVariantSchema>;

/** Values used where a variable has none (missing, null or empty). */
export const templateDefaultsSchema = z.record(templateVariableSchema, z.union([z.string().max(2_000), z.number(), z.boolean()]));
export type TemplateDefaults = z.infer<typeof templateDefaultsSchema>;

/**
 * An email template: Liquid in the subject and both bodies (see templateVariableRoots for what it
 * reads), defaults for missing values, segment-dependent blocks and translations chosen by the
 * learner's `locale` / `language` trait (fr-CA → fr → the template's own content).
 */
export const templateContentSchema = messageContentSchema.extend({
  locale: localeSchema.optional().describe("the language of the template's own content"),
  defaults: templateDefaultsSchema.optional(),
  blocks: contentBlocksSchema.optional(),
  locales: z.record(localeSchema, localeVariantSchema).optional().describe('translations by language tag'),
});
export type TemplateContent = z.infer<typeof templateContentSchema>;

export const templateInputSchema = templateContentSchema.extend({
  id: templateIdSchema.optional().describe('defaults to a slug of the name'),
  name: z.string().trim().min(1).max(120),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateViewSchema = templateInputSchema.extend({
  id: templateIdSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof templateViewSchema>;

/** Something a template reads that may not be there: saved anyway, reported. */
export const templateWarningSchema = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.enum(['unknown_variable', 'unknown_block', 'unknown_segment']),
  message: z.string(),
  variable: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});
export type TemplateWarning = z.infer<typeof templateWarningSchema>;

/** One immutable saved version. */
export const templateVersionViewSchema = templateContentSchema.extend({
  templateId: templateIdSchema,
  name: z.string(),
  version: z.number(),
  createdAt: z.string(),
});
export type TemplateVersionView = z.infer<typeof templateVersionViewSchema>;

export const templateVersionSummarySchema = templateVersionViewSchema.pick({ version: true, name: true, subject: true, createdAt: true });
export type TemplateVersionSummary = z.infer<typeof templateVersionSummarySchema>;

/** An occurrence of an event for a sample preview's recent activity. */
export const sampleEventSchema = z.object({
  name: z.string().min(1).max(200),
  at: z.iso.datetime({ offset: true }).optional().describe('defaults to now'),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** Invented data to preview a template with. */
export const templateSampleSchema = z.object({
  learner: z.record(z.string(), z.unknown()).optional().describe('traits'),
  event: z.record(z.string(), z.unknown()).optional().describe("the triggering event's properties"),
  segments: z.array(segmentIdSchema).max(200).optional(),
  activity: z.array(sampleEventSchema).max(100).optional().describe('recent events, any order'),
});
export type TemplateSample = z.infer<typeof templateSampleSchema>;

/** Whom a preview (or test send) renders for: a stored learner (learnerId) or invented data (sample); the event may be a sample for either. */
const renderDataShape = {
  learnerId: z.string().min(1).max(200).optional(),
  sample: templateSampleSchema.optional(),
  locale: localeSchema.optional().describe("overrides the learner's locale"),
};

/** A stored learner brings their own traits, segments and activity: a sample of those beside them would be silently ignored. */
function noSampleOfStoredLearner(input: { learnerId?: string; sample?: TemplateSample }, context: z.RefinementCtx) {
  for (const field of ['learner', 'segments', 'activity'] as const) {
    if (input.learnerId && input.sample?.[field]) context.addIssue({ code: 'custom', path: ['sample', field], message: `comes from the stored learner when learnerId is given; leave sample.${field} out` });
  }
}

/** Preview of a saved template (the latest version unless one is named). */
export const templatePreviewInputSchema = z
  .object({ ...renderDataShape, version: z.number().int().positive().optional().describe('defaults to the latest') })
  .superRefine(noSampleOfStoredLearner);
export type TemplatePreviewInput = z.infer<typeof templatePreviewInputSchema>;

/** Preview of content not saved (yet): what the editor holds. `name` and `id` may be sent along; they are not needed. */
export const templateDraftPreviewInputSchema = z
  .object({ template: templateContentSchema.describe('the content as the editor holds it (subject, html, text, defaults, blocks, locales)'), ...renderDataShape })
  .superRefine(noSampleOfStoredLearner);
export type TemplateDraftPreviewInput = z.infer<typeof templateDraftPreviewInputSchema>;

/** A test send of a saved template: rendered like its preview and mailed to `to` only. */
export const templateTestSendInputSchema = z
  .object({ to: z.email().max(320).describe('where the test goes (not the learner)'), ...renderDataShape, version: z.number().int().positive().optional().describe('defaults to the latest') })
  .superRefine(noSampleOfStoredLearner);
export type TemplateTestSendInput = z.infer<typeof templateTestSendInputSchema>;

/** A test send of content not saved (yet). */
export const templateDraftTestSendInputSchema = z
  .object({ to: z.email().max(320).describe('where the test goes (not the learner)'), template: templateContentSchema, ...renderDataShape })
  .superRefine(noSampleOfStoredLearner);
export type TemplateDraftTestSendInput = z.infer<typeof templateDraftTestSendInputSchema>;

/** What a test send did: the subject as mailed (with its "[Test] " prefix) and to whom. */
export const templateTestSendSchema = z.object({
  to: z.string(),
  subject: z.string(),
  version: z.number().optional().describe('the saved version sent; absent for unsaved content'),
  locale: z.string().optional(),
  variant: z.string().optional(),
  warnings: z.array(templateWarningSchema),
});
export type TemplateTestSend = z.infer<typeof templateTestSendSchema>;

/** A template rendered for one learner or sample; nothing sent. */
export const renderedPreviewSchema = z.object({
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  locale: z.string().optional(),
  variant: z.string().optional(),
  warnings: z.array(templateWarningSchema).describe("unknown variables and segments, with paths inside the template's content"),
});
export type RenderedPreview = z.infer<typeof renderedPreviewSchema>;

/** A saved version's preview: the rendered preview and the version it rendered. Unsaved content has no version, so its preview is a RenderedPreview. */
export const templatePreviewSchema = renderedPreviewSchema.extend({ version: z.number() });
export type TemplatePreview = z.infer<typeof templatePreviewSchema>;
