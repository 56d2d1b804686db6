import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { designerSettingsSchema } from '../../domain/designerSettings';
import { errorResponses } from './errorResponses';

/** What the designer needs to know about this deployment (where operators look at runs). Admin keys only. */
export async function designerSettingsRoutes(app: FastifyInstance, options: { temporalUiUrl: string; temporalNamespace: string }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));
  routes.get(
    '/api/designer/settings',
    { schema: { tags: ['designer'], summary: 'Deployment settings the designer shows (the Temporal UI address)', security: [{ adminKey: [] }], response: { 200: designerSettingsSchema, ...errorResponses(401, 403) } } },
    async () => ({ temporalUiUrl: options.temporalUiUrl, temporalNamespace: options.temporalNamespace }),
  );
}
