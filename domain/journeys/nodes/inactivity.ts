import { z } from 'zod';
import { durationSchema } from '../../segments/duration';
import { defineNodeType, nextOutput } from './node';

export const inactivitySettingsSchema = z.object({
  inactiveFor: durationSchema,
  /** The events that restart the clock; none listed means any event does. */
  activityEvents: z.array(z.string().min(1)).optional(),
});
export type InactivitySettings = z.infer<typeof inactivitySettingsSchema>;

export const inactivityNodeType = defineNodeType({
  type: 'inactivity',
  settingsSchema: inactivitySettingsSchema,
  palette: { label: 'Inactivity', description: 'Waits until the learner has been inactive for a while.', icon: 'moon', colour: '#b45309', category: 'flow' },
  waits: true,
  outputs: () => [nextOutput],
});
