import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { journeyGraphSchema, journeyIdSchema, nodeIdSchema, journeyInputSchema, journeyProblemSchema, journeyRunViewSchema, journeyViewSchema, nodeCountsSchema, validationResultSchema } from '../../domain/journeys';
import type { JourneyService } from '../journeys/journeyService';
import { errorResponses } from './errorResponses';

const errors = errorResponses(400, 401, 403, 404, 409, 503);
const params = z.object({ journeyId: journeyIdSchema });
const one = z.object({ journey: journeyViewSchema });
const security = [{ adminKey: [] }];

/** Journeys: drafts, validation, versions, lifecycle, runs and per-node counts. Admin keys only. */
export async function journeyRoutes(app: FastifyInstance, options: { journeys: JourneyService }) {
  const { journeys } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  routes.get('/api/journeys', { schema: { tags: ['journeys'], summary: 'Journeys', security, response: { 200: z.object({ journeys: z.array(journeyViewSchema) }), ...errors } } }, async () => ({ journeys: await journeys.list() }));
  routes.post('/api/journeys', { schema: { tags: ['journeys'], summary: 'Create a journey draft', security, body: journeyInputSchema, response: { 201: one, ...errors } } }, async (request, reply) =>
    reply.code(201).send({ journey: await journeys.create(request.body) }),
  );
  routes.post(
    '/api/journeys/validate',
    { schema: { tags: ['journeys'], summary: 'Every problem of a graph, each on its node, without saving', security, body: z.object({ graph: journeyGraphSchema }), response: { 200: validationResultSchema, ...errors } } },
    async (request) => journeys.validate(request.body.graph),
  );
  routes.get('/api/journeys/:journeyId', { schema: { tags: ['journeys'], summary: 'A journey with its draft', security, params, response: { 200: one, ...errors } } }, async (request) => ({
    journey: await journeys.get(request.params.journeyId),
  }));
  routes.put('/api/journeys/:journeyId', { schema: { tags: ['journeys'], summary: 'Save the draft (runs are unaffected until it is published)', security, params, body: journeyInputSchema, response: { 200: one, ...errors } } }, async (request) => ({
    journey: await journeys.saveDraft(request.params.journeyId, request.body),
  }));
  routes.post(
    '/api/journeys/:journeyId/publish',
    {
      schema: {
        tags: ['journeys'],
        summary: 'Publish the draft as a new version: new entries start on it, running learners stay on theirs',
        description: 'A draft with problems is refused with 400; `details.problems` lists each, with its node.',
        security,
        params,
        response: { 200: z.object({ journey: journeyViewSchema, version: z.number(), warnings: z.array(journeyProblemSchema) }), ...errors },
      },
    },
    async (request) => journeys.publish(request.params.journeyId),
  );
  for (const [action, summary] of [
    ['pause', 'Pause: no new entries; running learners hold before their next message'],
    ['resume', 'Resume a paused journey'],
    ['archive', 'Archive: no new entries; runs end before their next message'],
  ] as const) {
    routes.post(`/api/journeys/:journeyId/${action}`, { schema: { tags: ['journeys'], summary, security, params, response: { 200: one, ...errors } } }, async (request) => ({
      journey: await journeys[action](request.params.journeyId),
    }));
  }
  routes.get(
    '/api/journeys/:journeyId/versions',
    { schema: { tags: ['journeys'], summary: 'Published versions, newest first', security, params, response: { 200: z.object({ versions: z.array(z.object({ version: z.number(), name: z.string(), publishedAt: z.string() })) }), ...errors } } },
    async (request) => ({ versions: await journeys.versions(request.params.journeyId) }),
  );
  routes.get(
    '/api/journeys/:journeyId/versions/:version',
    {
      schema: {
        tags: ['journeys'],
        summary: 'A published version as drawn (read-only)',
        security,
        params: params.extend({ version: z.coerce.number().int().min(1) }),
        response: { 200: z.object({ version: z.number(), name: z.string(), publishedAt: z.string(), graph: journeyGraphSchema }), ...errors },
      },
    },
    async (request) => journeys.version(request.params.journeyId, request.params.version),
  );
  routes.post(
    '/api/journeys/:journeyId/entries',
    { schema: { tags: ['journeys'], summary: 'Put a learner into the journey now (manual entry)', security, params, body: z.object({ learnerId: z.string().min(1).max(200) }), response: { 200: z.object({ workflowId: z.string().nullable() }), ...errors } } },
    async (request) => journeys.enter(request.params.journeyId, request.body.learnerId),
  );
  routes.get(
    '/api/journeys/:journeyId/runs',
    {
      schema: {
        tags: ['journeys'],
        summary: 'Runs with their current node (from Temporal), optionally only those at one node',
        security,
        params,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50), node: nodeIdSchema.optional().describe('a node id, or an ending: completed, converted, exited') }),
        response: { 200: z.object({ runs: z.array(journeyRunViewSchema) }), ...errors },
      },
    },
    async (request) => ({ runs: await journeys.runs(request.params.journeyId, request.query) }),
  );
  routes.get(
    '/api/journeys/:journeyId/counts',
    { schema: { tags: ['journeys'], summary: 'Per node: entered, waiting now, left by each output', security, params, response: { 200: z.object({ nodes: z.array(nodeCountsSchema) }), ...errors } } },
    async (request) => ({ nodes: await journeys.counts(request.params.journeyId) }),
  );
}
