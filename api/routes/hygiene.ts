import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from './errorResponses';
import { z } from 'zod';
import type { StoreModels } from '../../store/connection';
import { hygieneReport } from '../../ingestion/hygiene/report';

const reportSchema = z.object({
  generatedAt: z.string(),
  learners: z.number(),
  duplicatesMerged: z.number(),
  badEmails: z.object({ invalid: z.number(), undeliverable: z.number(), sample: z.array(z.string()) }),
  inactive: z.object({ days: z.number(), count: z.number(), sample: z.array(z.string()) }),
});

/** The data-quality report; admin keys only. */
export async function hygieneRoutes(app: FastifyInstance, options: { models: StoreModels }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));
  routes.get(
    '/api/hygiene',
    {
      schema: {
        tags: ['learners'],
        summary: 'Data hygiene: duplicates merged, invalid or undeliverable emails, learners inactive for N days',
        security: [{ adminKey: [] }],
        querystring: z.object({ inactiveDays: z.coerce.number().int().min(1).max(3650).default(90) }),
        response: { 200: reportSchema, ...errorResponses(400, 401, 403, 503) },
      },
    },
    async (request) => hygieneReport(options.models, { inactiveDays: request.query.inactiveDays }),
  );
}
