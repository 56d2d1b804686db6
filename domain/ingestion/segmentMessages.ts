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
const LATEST = Date.UTC(2200, 0, 1);

/**
 * ISO-8601 date-time, as Segment accepts it; nonsense years are rejected. It stays a string (the
 * pipeline turns it into a Date) so that a message validated once validates again unchanged.
 */
export const timestampSchema = z
  .string()
  .max(64)
  .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, 'must be an ISO-8601 date-time')
  .refine((value) => {
    const time = new Date(value).getTime();
    return !Number.isNaN(time) && time >= EARLIEST && time < LATEST;
  }, 'must be a real date-time between 2000 and 2200');

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

const hasEmail = (traits: unknown) => typeof (traits as { email?: unknown } | undefined)?.email === 'string';

/**
 * Segment requires a userId or an anonymousId. We also take an email in the traits (or context
 * traits) as the identity, which is how contact imports and CRM data name people.
 */
const needsIdentity = (
  message: { userId?: string | null; anonymousId?: string | null; traits?: unknown; context?: Record<string, unknown> },
  context: z.RefinementCtx,
) => {
  if (!message.userId && !message.anonymousId && !hasEmail(message.traits) && !hasEmail(message.context?.traits)) {
    context.addIssue({ code: 'custom', path: ['userId'], message: 'userId, anonymousId or an email in traits is required' });
  }
};

const fields = {
  identify: { traits: dictionary.optional() },
  track: { event: z.string().trim().min(1).max(200), properties: dictionary.optional() },
  page: { name: z.string().max(200).optional(), category: z.string().max(200).optional(), properties: dictionary.optional() },
  screen: { name: z.string().max(200).optional(), category: z.string().max(200).optional(), properties: dictionary.optional() },
  group: { groupId: identifier, traits: dictionary.optional() },
  alias: { previousId: identifier, userId: identifier },
};

/**
 * The schemas of all message types. In a batch `type` says which one a message is; the
 * single-message routes (/v1/track …) take it from the path, so there it may be left out.
 */
function messageSchemas(typeInBody: 'required' | 'optional') {
  const type = <T extends MessageType>(name: T) => (typeInBody === 'required' ? z.literal(name) : z.literal(name).default(name as never));
  return {
    identify: z.object({ type: type('identify'), ...common, ...fields.identify }).superRefine(needsIdentity),
    track: z.object({ type: type('track'), ...common, ...fields.track }).superRefine(needsIdentity),
    page: z.object({ type: type('page'), ...common, ...fields.page }).superRefine(needsIdentity),
    screen: z.object({ type: type('screen'), ...common, ...fields.screen }).superRefine(needsIdentity),
    group: z.object({ type: type('group'), ...common, ...fields.group }).superRefine(needsIdentity),
    alias: z.object({ type: type('alias'), ...common, ...fields.alias }),
  };
}

const inBatch = messageSchemas('required');
export const segmentMessageSchema = z.discriminatedUnion('type', [inBatch.identify, inBatch.track, inBatch.page, inBatch.screen, inBatch.group, inBatch.alias]);
export type SegmentMessage = z.infer<typeof segmentMessageSchema>;
/** What a source produces before validation (the JSON a client would send). */
export type SegmentMessageInput = z.input<typeof segmentMessageSchema>;

/** The bodies of /v1/identify, /v1/track …: one message each, its type implied by the path. */
export const singleMessageSchemas = messageSchemas('optional');

/** /v1/batch: the messages are validated one by one, so one bad message rejects only itself. */
export const batchSchema = z.object({
  batch: z.array(z.unknown()).min(1).max(2_500),
  context: dictionary.optional(),
  integrations: dictionary.optional(),
  sentAt: timestampSchema.optional(),
});
