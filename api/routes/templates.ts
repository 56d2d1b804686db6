import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  renderedPreviewSchema,
  templateDraftPreviewInputSchema,
  templateDraftTestSendInputSchema,
  templateIdSchema,
  templateInputSchema,
  templatePreviewInputSchema,
  templatePreviewSchema,
  templateTestSendInputSchema,
  templateTestSendSchema,
  templateVersionSummarySchema,
  templateVersionViewSchema,
  templateViewSchema,
  templateWarningSchema,
} from '../../domain/messages/templates';
import type { Mailer } from '../../messages/mailer';
import type { TemplateCatalog } from '../templates/templateCatalog';
import { mailTest, requireMailer } from '../templates/testSends';
import { errorResponses } from './errorResponses';

const errors = errorResponses(400, 401, 403, 404, 409, 503);
const params = z.object({ templateId: templateIdSchema });
const versionParams = params.extend({ version: z.coerce.number().int().positive() });
const saved = z.object({ template: templateViewSchema, warnings: z.array(templateWarningSchema).describe('unknown variables and segments: saved anyway') });
const security = [{ adminKey: [] }];

/** Email templates (Liquid), checked at save, versioned, previewed, test-sent. Admin keys only. */
export async function templateRoutes(app: FastifyInstance, options: { templates: TemplateCatalog; mailer?: Mailer }) {
  const { templates, mailer } = options;
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  routes.get('/api/templates', { schema: { tags: ['templates'], summary: 'Email templates', security, response: { 200: z.object({ templates: z.array(templateViewSchema) }), ...errors } } }, async () => ({
    templates: await templates.list(),
  }));
  routes.post(
    '/api/templates',
    {
      schema: {
        tags: ['templates'],
        summary: 'Create a template (version 1); Liquid that does not parse is refused, naming the field and line; unknown variables come back as warnings',
        security,
        body: templateInputSchema,
        response: { 201: saved, ...errors },
      },
    },
    async (request, reply) => reply.code(201).send(await templates.create(request.body)),
  );
  routes.get('/api/templates/:templateId', { schema: { tags: ['templates'], summary: 'One template (its latest version)', security, params, response: { 200: z.object({ template: templateViewSchema }), ...errors } } }, async (request) => ({
    template: await templates.get(request.params.templateId),
  }));
  routes.put(
    '/api/templates/:templateId',
    { schema: { tags: ['templates'], summary: 'Change a template: a new immutable version, which messages not yet sent use', security, params, body: templateInputSchema, response: { 200: saved, ...errors } } },
    async (request) => templates.update(request.params.templateId, request.body),
  );
  routes.get(
    '/api/templates/:templateId/versions',
    { schema: { tags: ['templates'], summary: "A template's saved versions, newest first", security, params, response: { 200: z.object({ versions: z.array(templateVersionSummarySchema) }), ...errors } } },
    async (request) => ({ versions: await templates.versions(request.params.templateId) }),
  );
  routes.get(
    '/api/templates/:templateId/versions/:version',
    { schema: { tags: ['templates'], summary: 'One saved version', security, params: versionParams, response: { 200: z.object({ version: templateVersionViewSchema }), ...errors } } },
    async (request) => ({ version: await templates.version(request.params.templateId, request.params.version) }),
  );
  routes.post(
    '/api/templates/:templateId/preview',
    {
      schema: {
        tags: ['templates'],
        summary: 'Render a template for a stored learner (learnerId) or sample data, in a chosen locale; nothing is sent',
        security,
        params,
        body: templatePreviewInputSchema,
        response: { 200: templatePreviewSchema, ...errors },
      },
    },
    async (request) => templates.preview(request.params.templateId, request.body),
  );
  routes.post(
    '/api/templates/preview',
    {
      schema: {
        tags: ['templates'],
        summary: 'Render content that is not saved (the editor\'s) for a stored learner or sample data, like a saved version\'s preview; Liquid that does not parse is a 400 naming template.<field> and the line',
        security,
        body: templateDraftPreviewInputSchema,
        response: { 200: renderedPreviewSchema, ...errors },
      },
    },
    async (request) => templates.previewDraft(request.body),
  );
  routes.post(
    '/api/templates/:templateId/test-send',
    {
      schema: {
        tags: ['templates'],
        summary: 'Mail a saved version, rendered like its preview, to one address with "[Test] " before the subject; not tracked, not in the send ledger (503 when this process has no mail server)',
        security,
        params,
        body: templateTestSendInputSchema,
        response: { 200: templateTestSendSchema, ...errors },
      },
    },
    async (request) => {
      const through = requireMailer(mailer);
      const { to, ...preview } = request.body;
      return mailTest(through, to, await templates.preview(request.params.templateId, preview));
    },
  );
  routes.post(
    '/api/templates/test-send',
    {
      schema: {
        tags: ['templates'],
        summary: 'Mail content that is not saved (the editor\'s), rendered like its preview, to one address with "[Test] " before the subject; not tracked, not in the send ledger',
        security,
        body: templateDraftTestSendInputSchema,
        response: { 200: templateTestSendSchema, ...errors },
      },
    },
    async (request) => {
      const through = requireMailer(mailer);
      const { to, ...preview } = request.body;
      return mailTest(through, to, await templates.previewDraft(preview));
    },
  );
}
