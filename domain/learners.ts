import { z } from 'zod';

/**
 * Canonical learning events. Sources (analytics, course platforms, CRM and order webhooks) map their
 * own event names onto these so that segment rules speak one vocabulary; other names are allowed too.
 */
export const canonicalEventNames = [
  'Course Page Viewed',
  'Signed Up',
  'Lead Magnet Downloaded',
  'Webinar Attended',
  'Logged In',
  'Enrolled',
  'Lesson Completed',
  'Module Completed',
  'Quiz Attempted',
  'Course Completed',
  'Order Completed',
  'Refunded',
  'Email Opened',
  'Email Clicked',
] as const;
export type CanonicalEventName = (typeof canonicalEventNames)[number];

export const eventSources = ['api', 'segment', 'teachable', 'thinkific', 'kajabi', 'stripe', 'csv', 'journey', 'demo'] as const;
export const eventSourceSchema = z.enum(eventSources);

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const traitsSchema = z
  .object({
    name: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().email().optional(),
    phone: z.string().optional(),
    country: z.string().length(2).optional(),
    region: z.string().optional(),
    city: z.string().optional(),
    timezone: z.string().optional(),
    locale: z.string().optional(),
    birthdate: z.string().optional(),
    jobTitle: z.string().optional(),
    industry: z.string().optional(),
    company: z.string().optional(),
  })
  .catchall(jsonValue);
export type Traits = z.infer<typeof traitsSchema>;

export const learnerSchema = z.object({
  learnerId: z.string().min(1),
  userId: z.string().optional(),
  emails: z.array(z.string()),
  anonymousIds: z.array(z.string()),
  traits: traitsSchema,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Learner = z.infer<typeof learnerSchema>;

export const learnerEventSchema = z.object({
  messageId: z.string().min(1),
  learnerId: z.string().min(1),
  name: z.string().min(1).max(200),
  courseId: z.string().optional(),
  properties: z.record(z.string(), jsonValue),
  timestamp: z.date(),
  receivedAt: z.date(),
  source: eventSourceSchema,
});
export type LearnerEvent = z.infer<typeof learnerEventSchema>;
