import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from './errorResponses';
import { z } from 'zod';
import { MAX_BATCH_BYTES, MAX_MESSAGE_BYTES, batchSchema, messageTypes, singleMessageSchemas } from '../../domain/ingestion/segmentMessages';
import { ApiError } from '../errors';
import type { IngestResult, Ingestion } from '../../ingestion/pipeline';

const rejectedSchema = z.object({
  index: z.number(),
  code: z.string(),
  message: z.string(),
  issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string(), code: z.string() })),
});
const acceptedSchema = z.object({
  success: z.literal(true),
  accepted: z.number().describe('messages stored by this request'),
  duplicates: z.number().describe('messages stored before (same messageId); nothing changed'),
  rejected: z.array(rejectedSchema).describe('invalid messages of a batch, by index; the valid ones were stored'),
  warnings: z.array(z.object({ index: z.number(), trait: z.string(), problem: z.string() })),
});
const errors = errorResponses(400, 401, 403, 413, 503);

const answer = (result: IngestResult) => ({ success: true as const, accepted: result.accepted, duplicates: result.duplicates, rejected: result.rejected, warnings: result.warnings });

/**
 * Segment-compatible ingestion: the HTTP Tracking API's routes, fields, write-key Basic auth and size
 * limits, so Segment's own libraries (analytics-node, analytics.js) can point at this server.
 * The answer comes only once every accepted message is stored.
 */
export async function trackingRoutes(app: FastifyInstance, options: { ingestion: Ingestion; ratePerMinute: number }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('write', 'admin'));
  const config = { rateLimit: { max: options.ratePerMinute, timeWindow: '1 minute' } };

  for (const type of messageTypes) {
    routes.post(
      `/v1/${type}`,
      {
        bodyLimit: MAX_MESSAGE_BYTES,
        config,
        schema: {
          tags: ['ingestion'],
          summary: `Segment ${type} call`,
          security: [{ writeKey: [] }],
          body: singleMessageSchemas[type],
          response: { 200: acceptedSchema, ...errors },
        },
      },
      async (request) => answer(await options.ingestion.ingest([request.body], { source: 'segment' })),
    );
  }

  for (const path of ['/v1/batch', '/v1/import']) {
    routes.post(
      path,
      {
        bodyLimit: MAX_BATCH_BYTES,
        config,
        schema: {
          tags: ['ingestion'],
          summary: 'Segment batch: up to 500 KB of messages, each validated on its own',
          description:
            'Valid messages are stored even when others are invalid; the invalid ones are listed in `rejected` by their index in `batch`. If no message is valid the answer is 400.',
          security: [{ writeKey: [] }],
          body: batchSchema,
          response: { 200: acceptedSchema, ...errors },
        },
      },
      async (request) => {
        const { batch, context, integrations, sentAt } = request.body;
        const result = await options.ingestion.ingest(batch, { source: 'segment', defaults: { context, integrations, sentAt } });
        if (result.rejected.length === batch.length) {
          throw new ApiError(400, 'validation_failed', `No valid message in the batch: ${result.rejected[0]?.message}`, { location: 'body', rejected: result.rejected });
        }
        return answer(result);
      },
    );
  }
}
