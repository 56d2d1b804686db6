import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { columnMappingSchema, presetNameSchema } from '../../domain/imports/presets';
import { ERROR_PAGE_SIZE, ImportJobs, MAX_STORED_ROW_CHARS, type ImportModels } from '../../imports/importJobs';
import { spoolToTempFile, UploadTooLargeError } from '../../imports/uploadSpool';
import type { Ingestion } from '../../ingestion/pipeline';
import { importJobStatuses } from '../../store/models/importJob';
import { ApiError, notFound } from '../errors';
import { errorResponses } from './errorResponses';

/** Contact exports run large: 200 MB holds about a million rows of a dozen columns. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

const tooLarge = () => new ApiError(413, 'payload_too_large', `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; split it and import the parts.`, { maxBytes: MAX_UPLOAD_BYTES });

const errors = errorResponses(400, 401, 403, 404, 413, 415, 503);

const mappingParameter = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object such as {"E-mail": "email"}' });
      return z.NEVER;
    }
  })
  .pipe(columnMappingSchema);

const uploadQuery = z.object({
  preset: presetNameSchema.optional().describe('the export the file comes from; leave out for any other CSV'),
  mapping: mappingParameter.optional().describe('JSON {"<csv column>": "<trait name>" | "userId" | "skip"}, alone or on top of the preset'),
});

const jobSchema = z.object({
  id: z.string(),
  status: z.enum(importJobStatuses),
  source: z.string().describe('hubspot, activecampaign, klaviyo or custom'),
  rowsRead: z.number(),
  imported: z.number().describe('rows stored as new or changed contacts'),
  duplicates: z.number().describe('rows imported before with the same content: nothing changed'),
  errors: z.number().describe('rejected rows; GET /api/imports/{id}/errors lists them'),
  bytesRead: z.number(),
  totalBytes: z.number().optional(),
  startedAt: z.string(),
  updatedAt: z.string().describe('last progress; a running job whose updatedAt stops moving lost its API process'),
  finishedAt: z.string().optional(),
  failure: z.string().optional().describe('why a failed import stopped'),
});

const errorsPage = z.object({
  errors: z.array(z.object({ line: z.number().describe('1-based line of the file the row starts on'), reason: z.string(), row: z.string().describe(`the row as written (its first ${MAX_STORED_ROW_CHARS} characters)`) })),
  page: z.number(),
  pages: z.number().describe(`pages of ${ERROR_PAGE_SIZE} rows so far; a running import adds more`),
});

/** CSV contact imports (HubSpot, ActiveCampaign, Klaviyo or mapped): upload, progress, error rows. Admin keys only. */
export async function importRoutes(app: FastifyInstance, options: { ingestion: Ingestion; models: ImportModels }) {
  const jobs = new ImportJobs(options.models, options.ingestion, app.log);
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));
  // The body reaches the handler as a stream (this plugin's scope only), which saves it as it arrives.
  routes.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  routes.addHook('onClose', () => jobs.stopAll());

  routes.post(
    '/api/imports',
    {
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV of contacts; answers at once and imports in the background',
        description: `Body: the CSV file as \`text/csv\`, at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Each row becomes an identify message; see docs/imports.md for the presets and the mapping.`,
        security: [{ adminKey: [] }],
        consumes: ['text/csv'],
        querystring: uploadQuery,
        response: { 202: z.object({ id: z.string() }), ...errors },
      },
    },
    async (request, reply) => {
      if (!(request.body instanceof Readable)) throw new ApiError(415, 'unsupported_media_type', 'Send the CSV file as the request body with Content-Type: text/csv.');
      if (Number(request.headers['content-length']) > MAX_UPLOAD_BYTES) throw tooLarge();
      const upload = await spoolToTempFile(request.body, MAX_UPLOAD_BYTES).catch((error: unknown) => {
        throw error instanceof UploadTooLargeError ? tooLarge() : error;
      });
      const id = await jobs.start(upload, request.query);
      return reply.status(202).send({ id });
    },
  );

  routes.get(
    '/api/imports/:id',
    { schema: { tags: ['imports'], summary: 'Progress of a CSV import', security: [{ adminKey: [] }], params: z.object({ id: z.string().min(1) }), response: { 200: jobSchema, ...errors } } },
    async (request) => {
      const job = await jobs.find(request.params.id);
      if (!job) throw notFound(`Import ${request.params.id}`);
      return job;
    },
  );

  routes.get(
    '/api/imports/:id/errors',
    {
      schema: {
        tags: ['imports'],
        summary: `Rejected rows of a CSV import, in line order, ${ERROR_PAGE_SIZE} a page`,
        security: [{ adminKey: [] }],
        params: z.object({ id: z.string().min(1) }),
        querystring: z.object({ page: z.coerce.number().int().min(1).default(1) }),
        response: { 200: errorsPage, ...errors },
      },
    },
    async (request) => {
      const job = await jobs.find(request.params.id);
      if (!job) throw notFound(`Import ${request.params.id}`);
      const { page } = request.query;
      return { errors: await jobs.errors(job.id, page), page, pages: Math.ceil(job.errors / ERROR_PAGE_SIZE) };
    },
  );
}
