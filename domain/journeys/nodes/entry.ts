import { z } from 'zod';
import { segmentIdSchema } from '../../segments/definition';
import { durationSchema } from '../../segments/duration';
import { propertyFilterSchema } from '../../segments/propertyFilter';
import { defineNodeType, nextOutput } from './node';

export const entryTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('segmentEntered'), segmentId: segmentIdSchema }),
  z.object({ kind: z.literal('segmentExited'), segmentId: segmentIdSchema }),
  z.object({
    kind: z.literal('event'),
    event: z.string().min(1),
    where: z.array(propertyFilterSchema).optional(),
    /** An event property (e.g. courseId): each of its values starts its own run for the learner. */
    key: z.string().min(1).optional(),
  }),
  z.object({
    kind: z.literal('dateTrait'),
    trait: z.string().min(1),
    offset: z.object({
      amount: z.number().int().min(0),
      unit: z.enum(['hours', 'days', 'weeks']),
      direction: z.enum(['before', 'after']),
    }),
  }),
  z.object({ kind: z.literal('manual') }),
]);
export type EntryTrigger = z.infer<typeof entryTriggerSchema>;

/** Whether a learner (with that key) who has already been through the journey may start it again. */
export const reentrySchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('once') }),
  z.object({ mode: z.literal('afterFinish') }),
  z.object({ mode: z.literal('afterCooldown'), cooldown: durationSchema }),
]);
export type Reentry = z.infer<typeof reentrySchema>;

export const entrySettingsSchema = z.object({ trigger: entryTriggerSchema, reentry: reentrySchema });
export type EntrySettings = z.infer<typeof entrySettingsSchema>;

export const entryNodeType = defineNodeType({
  type: 'entry',
  settingsSchema: entrySettingsSchema,
  palette: { label: 'Entry', description: 'Starts the journey for a learner when the trigger happens.', icon: 'zap', colour: '#16a34a', category: 'trigger' },
  waits: false,
  outputs: () => [nextOutput],
});
