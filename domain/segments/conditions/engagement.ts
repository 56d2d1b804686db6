import { z } from 'zod';
import { windowSchema } from '../window';
import { countSchema, type EventCondition } from './event';

export const engagementEvents = { opened: 'Email Opened', clicked: 'Email Clicked' } as const;

/** The learner opened or clicked one of our emails (one message, or any when `messageId` is left out). */
export const engagementConditionSchema = z.object({
  type: z.literal('engagement'),
  action: z.enum(['opened', 'clicked']),
  messageId: z.string().min(1).optional(),
  window: windowSchema,
  /** At least once when left out. */
  count: countSchema.optional(),
});
export type EngagementCondition = z.infer<typeof engagementConditionSchema>;

/** Engagement is shorthand for an event condition; every evaluator goes through this one meaning. */
export function engagementAsEvent(condition: EngagementCondition): EventCondition {
  return {
    type: 'event',
    event: engagementEvents[condition.action],
    ...(condition.messageId === undefined ? {} : { where: [{ property: 'messageId', operator: 'equals', value: condition.messageId }] }),
    count: condition.count ?? { operator: 'atLeast', value: 1 },
    window: condition.window,
  };
}
