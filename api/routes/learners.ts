import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from './errorResponses';
import { z } from 'zod';
import { timestampSchema } from '../../domain/ingestion/segmentMessages';
import { learnerEventViewSchema, learnerViewSchema } from '../../domain/learners';
import { notFound } from '../errors';
import { journeyRunViewSchema } from '../../domain/journeys/api';
import { learnerIdParamSchema, learnerJourneyRuns } from '../learners/learnerJourneys';
import type { LearnerQueries } from '../learners/learnerQueries';

const errors = errorResponses(400, 401, 403, 404, 503);

/** Learner search, profiles, event timelines and journey runs; admin keys only. */
export async function learnerRoutes(app: FastifyInstance, options: { learners: LearnerQueries; client: () => Client }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  routes.get(
    '/api/learners',
    {
      schema: {
        tags: ['learners'],
        summary: 'Search learners by email, userId or name (prefix, case-insensitive)',
        security: [{ adminKey: [] }],
        querystring: z.object({ query: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ learners: z.array(learnerViewSchema) }), ...errors },
      },
    },
    async (request) => ({ learners: await options.learners.search(request.query.query, request.query.limit) }),
  );

  routes.get(
    '/api/learners/:learnerId',
    {
      schema: {
        tags: ['learners'],
        summary: 'A learner profile with its newest events; a merged id answers with the profile it was merged into',
        security: [{ adminKey: [] }],
        params: z.object({ learnerId: z.string().min(1).max(200) }),
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), before: timestampSchema.optional() }),
        response: { 200: z.object({ learner: learnerViewSchema, events: z.array(learnerEventViewSchema) }), ...errors },
      },
    },
    async (request) => {
      const learner = await options.learners.profile(request.params.learnerId);
      if (!learner) throw notFound(`Learner ${request.params.learnerId}`);
      return { learner, events: await options.learners.timeline(learner, request.query) };
    },
  );

  routes.get(
    '/api/learners/:learnerId/journeys',
    {
      schema: {
        tags: ['learners'],
        summary: "A learner's journey runs, newest first, with where each stands (from Temporal's visibility; a just-started run shows within a moment). A merged id answers for the profile it was merged into, whose runs include those of its merged profiles",
        security: [{ adminKey: [] }],
        params: z.object({ learnerId: learnerIdParamSchema }),
        response: { 200: z.object({ runs: z.array(journeyRunViewSchema) }), ...errors },
      },
    },
    async (request) => {
      const learner = await options.learners.profile(request.params.learnerId);
      if (!learner) throw notFound(`Learner ${request.params.learnerId}`);
      return { runs: await learnerJourneyRuns(options.client, [learner.learnerId, ...learner.mergedLearnerIds]) };
    },
  );
}
