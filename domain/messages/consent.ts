import { z } from 'zod';

/** Topic ids are readable slugs: journeys' send steps and unsubscribe links name them. */
export const topicIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'lowercase letters, digits and dashes (at most 64)');

/**
 * A subscription topic. Learners with no consent record for a topic are subscribed to it unless the
 * topic asks for double opt-in: then only a confirmed opt-in counts (an unconfirmed one is `pending`).
 */
export const topicInputSchema = z.object({
  id: topicIdSchema,
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).optional(),
  doubleOptIn: z.boolean().default(false).describe('opting in must be confirmed through a link sent to the learner; no record means not subscribed'),
});
export type TopicInput = z.infer<typeof topicInputSchema>;

export const topicViewSchema = topicInputSchema.extend({ createdAt: z.string() });
export type TopicView = z.infer<typeof topicViewSchema>;

/** Topics every workspace has without setup (the demo journeys send under them). */
export const defaultTopics: readonly TopicInput[] = [
  { id: 'course-updates', name: 'Course updates', description: 'News about the courses you follow: new lessons, schedules, reminders.', doubleOptIn: false },
  { id: 'promotions', name: 'Offers and promotions', description: 'Discounts, bundles and new courses we think you will like.', doubleOptIn: false },
];

export const consentStatuses = ['opted_in', 'opted_out', 'pending'] as const;
export const consentStatusSchema = z.enum(consentStatuses);
export type ConsentStatus = z.infer<typeof consentStatusSchema>;

/** Where a consent change came from, recorded with it (free text within limits, e.g. `checkout-form`). */
export const consentSourceSchema = z.string().trim().regex(/^[\w.:@-]{1,80}$/, 'letters, digits and _ . : @ - (at most 80)');

/** An operator setting a learner's consent to a topic. */
export const setConsentSchema = z.object({
  status: z.enum(['opted_in', 'opted_out']).describe('opting in to a double opt-in topic makes it pending until the learner confirms'),
  source: consentSourceSchema.optional().describe("defaults to 'api'"),
  confirmed: z.boolean().default(false).describe('the opt-in was already confirmed elsewhere (e.g. an imported double opt-in); skips the pending step'),
});
export type SetConsent = z.infer<typeof setConsentSchema>;

/** One topic as it stands for one learner. `recorded` is false when the status is the topic's default. */
export const topicConsentViewSchema = z.object({
  topic: topicIdSchema,
  name: z.string(),
  doubleOptIn: z.boolean(),
  status: consentStatusSchema,
  recorded: z.boolean(),
  source: z.string().optional(),
  at: z.string().optional(),
  /** Whether marketing under this topic reaches the learner now (opted in and not unsubscribed from all). */
  receives: z.boolean(),
});
export type TopicConsentView = z.infer<typeof topicConsentViewSchema>;

export const learnerConsentViewSchema = z.object({
  learnerId: z.string(),
  /** The global marketing opt-out (the `unsubscribed` trait). */
  unsubscribedFromAll: z.boolean(),
  topics: z.array(topicConsentViewSchema),
});
export type LearnerConsentView = z.infer<typeof learnerConsentViewSchema>;

export const suppressionReasons = ['hard_bounce', 'complaint', 'invalid', 'manual'] as const;
export const suppressionReasonSchema = z.enum(suppressionReasons);
export type SuppressionReason = z.infer<typeof suppressionReasonSchema>;

export const suppressionInputSchema = z.object({
  address: z.email().max(320),
  reason: suppressionReasonSchema,
  note: z.string().trim().max(500).optional(),
});
export type SuppressionInput = z.infer<typeof suppressionInputSchema>;

export const suppressionViewSchema = z.object({
  address: z.string(),
  reason: suppressionReasonSchema,
  note: z.string().optional(),
  at: z.string(),
});
export type SuppressionView = z.infer<typeof suppressionViewSchema>;
