import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/** OpenAPI 3 generated from the route zod schemas, with Swagger UI at /docs and JSON at /docs/json. */
export const docs = fp(async function docs(app: FastifyInstance, options: { publicUrl: string }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Course journeys API',
        description:
          'Ingest learner data, manage segments and journeys, and watch runs. Errors always have the shape ' +
          '`{ "error": { "code", "message", "details", "requestId" } }`.',
        version: '0.1.0',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          adminKey: { type: 'http', scheme: 'bearer', description: 'An admin API key (management routes).' },
          writeKey: { type: 'http', scheme: 'basic', description: 'A write key as the Basic-auth user name (ingestion routes).' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
});
