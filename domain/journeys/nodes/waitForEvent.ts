import { z } from 'zod';
import { durationSchema } from '../../segments/duration';
import { propertyFilterSchema } from '../../segments/propertyFilter';
import { defineNodeType } from './node';

export const waitForEventSettingsSchema = z.object({
  event: z.string().min(1),
  where: z.array(propertyFilterSchema).optional(),
  timeout: durationSchema,
});
export type WaitForEventSettings = z.infer<typeof waitForEventSettingsSchema>;

export const waitForEventNodeType = defineNodeType({
  type: 'waitForEvent',
  settingsSchema: waitForEventSettingsSchema,
  palette: { label: 'Wait for event', description: 'Waits until the learner does something, or gives up after a time.', icon: 'hourglass', colour: '#ea580c', category: 'flow' },
  waits: true,
  outputs: () => [
    { id: 'happened', label: 'happened' },
    { id: 'timedOut', label: 'timed out' },
  ],
});
