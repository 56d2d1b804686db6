import { z } from 'zod';
import { defineNodeType } from './node';

export const exitSettingsSchema = z.object({});
export type ExitSettings = z.infer<typeof exitSettingsSchema>;

export const exitNodeType = defineNodeType({
  type: 'exit',
  settingsSchema: exitSettingsSchema,
  palette: { label: 'Exit', description: 'Ends the learner’s run of the journey.', icon: 'flag', colour: '#64748b', category: 'end' },
  waits: false,
  outputs: () => [],
});
