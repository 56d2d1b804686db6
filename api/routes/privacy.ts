import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadConfig } from '../../config/env';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { StoreModels } from '../../store/connection';
import { notFound } from '../errors';
import { LEARNER_ID_PATTERN } from '../privacy/learnerRecords';
import { PrivacyRequests } from '../privacy/privacyRequests';
import { codecRoutes } from './codec';
import { errorResponses } from './errorResponses';

export interface PrivacyRouteOptions {
  models: StoreModels;
  journeys: ProcessRuntime['journeys'];
  /**
   * The Temporal Web UI, the one browser origin the codec endpoint admits. Defaults to
   * `temporal.uiUrl` of this process's configuration (TEMPORAL_UI_URL, else the local UI port).
   */
  temporalUiUrl?: string;
}

const errors = errorResponses(400, 401, 403, 404, 503);
const security = [{ adminKey: [] }];
const params = z.object({ learnerId: z.string().regex(LEARNER_ID_PATTERN, 'must be a learner id') });
const documents = z.array(z.record(z.string(), z.unknown()));

const exportSchema = z.object({
  exportedAt: z.string(),
  learnerId: z.string(),
  profile: z.record(z.string(), z.unknown()).describe('The profile: traits, identifiers, behaviour summary, memberships'),
  mergedProfiles: documents.describe('Profiles found to be the same person and merged into this one'),
  identities: documents,
  events: documents,
  segments: z.object({ current: z.array(z.string()), history: z.record(z.string(), z.unknown()) }),
  consents: documents,
  suppressions: documents,
  sends: documents.describe('The send ledger'),
  journeyEntries: documents,
  journeySteps: documents,
  journeyRuns: documents.describe('Journey runs in Temporal (their inputs hold ids only)'),
  enrichment: documents.describe('Cached answers of enrichment providers about the addresses'),
  importRows: documents.describe('Rejected CSV rows mentioning the addresses'),
  auditEntries: documents,
});

const erasureSchema = z.object({
  learnerId: z.string(),
  erasedLearnerIds: z.array(z.string()),
  terminatedRuns: z.array(z.string()),
  deleted: z.record(z.string(), z.number()),
  anonymisedSends: z.number(),
});

const actorOf = (request: FastifyRequest) => `api:${request.apiKey?.id ?? 'unknown'}`;

/**
 * Data requests (admin keys): export everything held about a learner, erase a learner; both
 * audited. Also registers the Temporal codec endpoint (routes/codec.ts), which shares the subject:
 * who may see the personal data inside Temporal payloads.
 */
export async function privacyRoutes(app: FastifyInstance, options: PrivacyRouteOptions) {
  const requests = new PrivacyRequests({ models: options.models, client: options.journeys.client });

  await app.register(async (admin) => {
    const routes = admin.withTypeProvider<ZodTypeProvider>();
    routes.addHook('preValidation', app.requireKey('admin'));

    routes.get(
      '/api/learners/:learnerId/export',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Everything held about a learner (merged profiles included) as JSON; audited',
          security,
          params,
          response: { 200: exportSchema, ...errors },
        },
      },
      async (request) => {
        const exported = await requests.export(request.params.learnerId, actorOf(request));
        if (!exported) throw notFound(`Learner ${request.params.learnerId}`);
        // Lean documents carry Dates; the JSON the client gets has them as ISO strings.
        return JSON.parse(JSON.stringify(exported)) as z.infer<typeof exportSchema>;
      },
    );

    routes.delete(
      '/api/learners/:learnerId',
      {
        schema: {
          tags: ['privacy'],
          summary: 'Erase a learner: running journey runs terminated, profile, identities, events, consents and journey records deleted, the send ledger anonymised; audited. An erased learner is unknown (404).',
          security,
          params,
          response: { 200: erasureSchema, ...errors },
        },
      },
      async (request) => {
        const report = await requests.erase(request.params.learnerId, actorOf(request));
        if (!report) throw notFound(`Learner ${request.params.learnerId}`);
        return report;
      },
    );
  });

  await app.register(codecRoutes, {
    codecs: options.journeys.client().options.loadedDataConverter.payloadCodecs,
    temporalUiUrl: options.temporalUiUrl ?? loadConfig().temporal.uiUrl,
  });
}
