import { z } from 'zod';
import { durationSchema } from '../../segments/duration';
import { isKnownTimezone } from '../timezones';
import { defineNodeType, nextOutput } from './node';

export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time such as 09:30');

/** ISO weekday numbers: 1 is Monday, 7 is Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

export const timezoneSchema = z.string().refine(isKnownTimezone, 'an IANA time zone such as Europe/Berlin');

export const delaySettingsSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('duration'), duration: durationSchema }),
  z.object({
    mode: z.literal('until'),
    timeOfDay: timeOfDaySchema,
    weekdays: z.array(weekdaySchema).min(1),
    /** Used when the learner has no valid timezone trait. */
    fallbackTimezone: timezoneSchema,
  }),
]);
export type DelaySettings = z.infer<typeof delaySettingsSchema>;

export const delayNodeType = defineNodeType({
  type: 'delay',
  settingsSchema: delaySettingsSchema,
  palette: { label: 'Delay', description: 'Waits for a while, or until a time of day in the learner’s timezone.', icon: 'clock', colour: '#d97706', category: 'flow' },
  waits: true,
  outputs: () => [nextOutput],
});
