import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from './errorResponses';
import { z } from 'zod';
import { apiKeyViewSchema, createApiKeySchema, createdApiKeySchema } from '../../domain/apiKeys';
import { notFound } from '../errors';
import type { ApiKeys } from '../keys/apiKeys';

const errors = errorResponses(400, 401, 403, 404, 503);

/** Management of API keys; admin keys only. */
export async function keyRoutes(app: FastifyInstance, options: { keys: ApiKeys }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  routes.get(
    '/api/keys',
    { schema: { tags: ['keys'], summary: 'List API keys', security: [{ adminKey: [] }], response: { 200: z.object({ keys: z.array(apiKeyViewSchema) }), ...errors } } },
    async () => ({ keys: await options.keys.list() }),
  );

  routes.post(
    '/api/keys',
    {
      schema: {
        tags: ['keys'],
        summary: 'Create an API key; the secret is returned only in this response',
        security: [{ adminKey: [] }],
        body: createApiKeySchema,
        response: { 201: createdApiKeySchema, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await options.keys.create(request.body)),
  );

  routes.delete(
    '/api/keys/:id',
    {
      schema: {
        tags: ['keys'],
        summary: 'Revoke an API key',
        security: [{ adminKey: [] }],
        params: z.object({ id: z.string().min(1) }),
        response: { 200: apiKeyViewSchema, ...errors },
      },
    },
    async (request) => {
      const key = await options.keys.revoke(request.params.id);
      if (!key) throw notFound(`API key ${request.params.id}`);
      return key;
    },
  );
}
