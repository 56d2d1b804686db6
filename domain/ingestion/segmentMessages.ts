import { z } from 'zod';
import { storableDictionary } from './storableDictionary';

/**
 * Messages in the shape of Segment's HTTP Tracking API (identify, track, page, screen, group, alias).
 * This is the one canonical input of ingestion: the Segment-compatible routes accept it directly, and
 * every other source (course-platform webhooks, orders, CSV imports) maps its data onto it.
 */
export const messageTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof messageTypes)[number];

/** Segment's per-message and per-batch size limits. */
export const MAX_MESSAGE_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

const EARLIEST = Date.UTC(2000, 0, 1);

/** ISO-8601 date-time (as Segment accepts it), parsed to a Date; nonsense years are rejected. */
export const timestampSchema = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO-8601 date-time')
  .transform((value, context) => {
    const parsed = new Date(value);
    if (Number.isNaN(parsed.getTime()) || parsed.getTime() < EARLIEST || parsed.getUTCFullYear() > 2200) {
      context.addIssue({ code: 'custom', message: 'must be a real date-time between 2000 and 2200' });
      return z.NEVER;
    }
    return parsed;
  });

/** Segment ids may arrive as numbers; they are stored as strings. */
const identifier = z.union([z.string().trim().min(1).max(255), z.number().finite().transform(String)]);
const dictionary = storableDictionary;

const common = {
  messageId: z.string().trim().min(1).max(255).optional(),
  userId: identifier.nullish(),
  anonymousId: identifier.nullish(),
  timestamp: timestampSchema.optional(),
  originalTimestamp: timestampSchema.optional(),
  sentAt: timestampSchema.optional(),
  context: dictionary.optional(),
  integrations: dictionary.optional(),
};

const needsIdentity = (message: { userId?: string | null; anonymousId?: string | null }, context: z.RefinementCtx) => {
  if (!message.userId && !message.anonymousId) {
    context.addIssue({ code: 'custom', path: ['userId'], message: 'userId or anonymousId is required' });
  }
};

export const identifySchema = z.object({ type: z.literal('identify'), ...common, traits: dictionary.optional() }).superRefine(needsIdentity);
export const trackSchema = z
  .object({ type: z.literal('track'), ...common, event: z.string().trim().min(1).max(200), properties: dictionary.optional() })
  .superRefine(needsIdentity);
export const pageSchema = z
  .object({ type: z.literal('page'), ...common, name: z.string().max(200).optional(), category: z.string().max(200).optional(), properties: dictionary.optional() })
  .superRefine(needsIdentity);
export const screenSchema = z
  .object({ type: z.literal('screen'), ...common, name: z.string().max(200).optional(), category: z.string().max(200).optional(), properties: dictionary.optional() })
  .superRefine(needsIdentity);
export const groupSchema = z
  .object({ type: z.literal('group'), ...common, groupId: identifier, traits: dictionary.optional() })
  .superRefine(needsIdentity);
export const aliasSchema = z.object({ type: z.literal('alias'), ...common, previousId: identifier, userId: identifier });

export const segmentMessageSchema = z.discriminatedUnion('type', [identifySchema, trackSchema, pageSchema, screenSchema, groupSchema, aliasSchema]);
export type SegmentMessage = z.infer<typeof segmentMessageSchema>;
/** What a source produces before validation (the JSON a client would send). */
export type SegmentMessageInput = z.input<typeof segmentMessageSchema>;

/** The routes /v1/identify, /v1/track … take one message each; its type comes from the path. */
export const singleMessageSchemas = {
  identify: identifySchema,
  track: trackSchema,
  page: pageSchema,
  screen: screenSchema,
  group: groupSchema,
  alias: aliasSchema,
} as const;

/** /v1/batch: the messages are validated one by one, so one bad message rejects only itself. */
export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1).max(2_500),
  context: dictionary.optional(),
  integrations: dictionary.optional(),
  sentAt: timestampSchema.optional(),
});
