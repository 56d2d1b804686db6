import { z } from 'zod';

/**
 * Canonical learning events. Sources (analytics, course platforms, CRM and order webhooks) map their
 * own event names onto these so that segment rules speak one vocabulary; other names are allowed too.
 * docs/events.md describes each one and its properties.
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
  'Unsubscribed',
  'Segment Entered',
  'Segment Exited',
] as const;
export type CanonicalEventName = (typeof canonicalEventNames)[number];

export const eventSources = ['api', 'segment', 'teachable', 'thinkific', 'kajabi', 'stripe', 'csv', 'enrichment', 'segmentation', 'journey', 'email', 'demo'] as const;
export const eventSourceSchema = z.enum(eventSources);

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

export const traitsSchema = z
  .object({
    name: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.string().optional(),
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
    ageRange: z.string().optional(),
    /** Set by normalisation (syntax) and later by bounces: invalid or undeliverable addresses are never sent to. */
    emailStatus: z.enum(['valid', 'invalid', 'undeliverable']).optional(),
    /** Consent: opted out of marketing email (unsubscribe link, platform preference, import column). */
    unsubscribed: z.boolean().optional(),
    /** Consent (CCPA/CPRA): never share this learner's data with third parties, enrichment included. */
    doNotSellOrShare: z.boolean().optional(),
  })
  .catchall(jsonValue);
export type Traits = z.infer<typeof traitsSchema>;

/** A learner profile as the API shows it. */
export const learnerViewSchema = z.object({
  learnerId: z.string(),
  userId: z.string().nullable(),
  emails: z.array(z.string()),
  anonymousIds: z.array(z.string()),
  groups: z.array(z.string()),
  traits: z.record(z.string(), z.unknown()),
  /** When each trait was last set (ISO time of the message that set it). */
  traitsUpdatedAt: z.record(z.string(), z.string()),
  /** Profiles found to be this same person and merged into it. */
  mergedLearnerIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LearnerView = z.infer<typeof learnerViewSchema>;

/** One entry of a learner's event timeline as the API shows it. */
export const learnerEventViewSchema = z.object({
  messageId: z.string(),
  type: z.string(),
  name: z.string(),
  courseId: z.string().nullable(),
  properties: z.record(z.string(), z.unknown()),
  timestamp: z.string(),
  receivedAt: z.string(),
  source: eventSourceSchema,
});
export type LearnerEventView = z.infer<typeof learnerEventViewSchema>;
