import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { templateIdSchema, templateInputSchema, templateViewSchema } from '../../domain/messages/templates';
import type { TemplateCatalog } from '../templates/templateCatalog';
import { errorResponses } from './errorResponses';

const errors = errorResponses(400, 401, 403, 404, 409, 503);
const params = z.object({ templateId: templateIdSchema });

/** Email templates (Liquid), checked at save. Admin keys only. */
export async function templateRoutes(app: FastifyInstance, options: { templates: TemplateCatalog }) {
  const { templates } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  routes.get('/api/templates', { schema: { tags: ['templates'], summary: 'Email templates', security: [{ adminKey: [] }], response: { 200: z.object({ templates: z.array(templateViewSchema) }), ...errors } } }, async () => ({
    templates: await templates.list(),
  }));
  routes.post(
    '/api/templates',
    { schema: { tags: ['templates'], summary: 'Create a template; Liquid that does not parse is refused, naming the field', security: [{ adminKey: [] }], body: templateInputSchema, response: { 201: z.object({ template: templateViewSchema }), ...errors } } },
    async (request, reply) => reply.code(201).send({ template: await templates.create(request.body) }),
  );
  routes.get('/api/templates/:templateId', { schema: { tags: ['templates'], summary: 'One template', security: [{ adminKey: [] }], params, response: { 200: z.object({ template: templateViewSchema }), ...errors } } }, async (request) => ({
    template: await templates.get(request.params.templateId),
  }));
  routes.put(
    '/api/templates/:templateId',
    { schema: { tags: ['templates'], summary: 'Change a template (a new version; messages not yet sent use it)', security: [{ adminKey: [] }], params, body: templateInputSchema, response: { 200: z.object({ template: templateViewSchema }), ...errors } } },
    async (request) => ({ template: await templates.update(request.params.templateId, request.body) }),
  );
}
