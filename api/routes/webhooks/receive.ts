import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fieldIssues } from '../../../domain/errors';
import type { SegmentMessageInput } from '../../../domain/ingestion/segmentMessages';
import { isIgnored } from '../../../domain/sources';
import type { EventSource, Ingestion } from '../../../ingestion/pipeline';
import { ApiError, RequestValidationError } from '../../errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body exactly as received, for signature checks (set by the webhooks plugin's JSON parser). */
    rawBody?: Buffer;
  }
}

export interface WebhookSource<Schema extends z.ZodType> {
  source: EventSource;
  label: string;
  schema: Schema;
  map(payload: z.output<Schema>): SegmentMessageInput[];
}

/**
 * The part every webhook shares once its sender is verified: parse the platform's payload, map it
 * onto canonical messages and ingest them. Events the mapping does not cover are answered 200
 * (`ignored`) so the platform stops retrying them; a mapped event with missing or invalid fields is a
 * 400 naming the field, and nothing of it is stored.
 */
export async function receiveWebhook<Schema extends z.ZodType>(request: FastifyRequest, reply: FastifyReply, ingestion: Ingestion, webhook: WebhookSource<Schema>) {
  const parsed = webhook.schema.safeParse(request.body);
  if (!parsed.success) {
    throw new RequestValidationError(fieldIssues(parsed.error.issues));
  }
  const messages = webhook.map(parsed.data);
  if (messages.length === 0) {
    const ignored = Array.isArray(parsed.data) ? parsed.data.every((event) => isIgnored(event as object)) : isIgnored(parsed.data as object);
    return reply.send({ received: true, ignored, accepted: 0, duplicates: 0 });
  }
  // Validate all before storing any: a webhook is one event, stored whole or not at all.
  const check = await ingestion.validateOnly(messages);
  if (check.length > 0) {
    throw new ApiError(400, 'validation_failed', `${webhook.label} event could not be mapped: ${check[0]!.message}`, { location: 'body', rejected: check });
  }
  const result = await ingestion.ingest(messages, { source: webhook.source });
  return reply.send({ received: true, ignored: false, accepted: result.accepted, duplicates: result.duplicates });
}
