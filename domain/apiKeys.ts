import { z } from 'zod';

/**
 * Key kinds, least privilege first: `write` keys only send learner data to ingestion routes
 * (Segment-style write keys); `operator` keys only decrypt and encrypt Temporal payloads through the
 * codec endpoint (for the Temporal UI and CLI: seeing a run's data, nothing else); `admin` keys manage
 * the workspace (segments, journeys, keys) and may use the codec endpoint too.
 */
export const apiKeyKinds = ['write', 'operator', 'admin'] as const;
export const apiKeyKindSchema = z.enum(apiKeyKinds);
export type ApiKeyKind = z.infer<typeof apiKeyKindSchema>;

export const createApiKeySchema = z.object({
  name: z.string().trim().min(1).max(100).describe('Who or what uses the key, e.g. "Teachable webhook"'),
  kind: apiKeyKindSchema,
});
export type CreateApiKey = z.infer<typeof createApiKeySchema>;

/** A key as listed: never the secret, only a short prefix to recognise it by. */
export const apiKeyViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: apiKeyKindSchema,
  prefix: z.string(),
  createdAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyViewSchema>;

/** Returned once, at creation: the only time the secret is shown. */
export const createdApiKeySchema = apiKeyViewSchema.extend({ secret: z.string() });
