import { z } from 'zod';
import { defineNodeType, partIdSchema } from './node';

const variantSchema = z.object({
  id: partIdSchema,
  label: z.string().min(1).max(120),
  /** Percent of learners; the weights of a split must add up to 100 before it can be published. */
  weight: z.number().int().min(0).max(100),
});

export const splitSettingsSchema = z.object({
  variants: z
    .array(variantSchema)
    .min(2)
    .max(5)
    .refine((variants) => new Set(variants.map((variant) => variant.id)).size === variants.length, 'variant ids must be unique'),
});
export type SplitSettings = z.infer<typeof splitSettingsSchema>;

export const splitNodeType = defineNodeType({
  type: 'split',
  settingsSchema: splitSettingsSchema,
  palette: { label: 'A/B split', description: 'Sends each learner down one variant at random, in fixed proportions.', icon: 'split', colour: '#7c3aed', category: 'flow' },
  waits: false,
  outputs: (settings) => settings.variants.map((variant) => ({ id: variant.id, label: variant.label })),
});
