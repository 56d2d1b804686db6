import { z } from 'zod';

import { durationUnits } from './durationMath';

export { durationUnits, durationMs, describeDuration } from './durationMath';

/** A fixed length of time: days and weeks are 24 and 168 hours, whatever the calendar does. */
export const durationSchema = z.object({
  amount: z.number().int().positive(),
  unit: z.enum(durationUnits),
});
export type Duration = z.infer<typeof durationSchema>;
