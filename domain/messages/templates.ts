import { z } from 'zod';

/** Template ids are readable slugs (journeys refer to them). */
export const templateIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lowercase letters, digits and dashes');

/**
 * An email template: Liquid in the subject and both bodies, personalised with `learner.*` (traits and
 * learnerId) and `event.*` (the properties of the event that started the run).
 */
export const templateInputSchema = z.object({
  id: templateIdSchema.optional().describe('defaults to a slug of the name'),
  name: z.string().trim().min(1).max(120),
  subject: z.string().min(1).max(500),
  html: z.string().min(1).max(200_000),
  text: z.string().max(200_000).optional().describe('plain-text part; derived from the HTML when left out'),
});
export type TemplateInput = z.infer<typeof templateInputSchema>;

export const templateViewSchema = templateInputSchema.extend({
  id: templateIdSchema,
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TemplateView = z.infer<typeof templateViewSchema>;
