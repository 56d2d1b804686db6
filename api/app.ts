import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/env';
import { ApiError } from './errors';
import { ApiKeys } from './keys/apiKeys';
import { auth } from './plugins/auth';
import { designer, wantsDesignerPage } from './plugins/designer';
import { docs } from './plugins/docs';
import { errorHandling, sendError } from './plugins/errorHandling';
import { healthRoutes, type ReadinessProbes } from './routes/health';
import { hygieneRoutes } from './routes/hygiene';
import { keyRoutes } from './routes/keys';
import { learnerRoutes } from './routes/learners';
import { segmentRoutes } from './routes/segments';
import { SegmentCatalog } from './segments/segmentCatalog';
import type { SegmentRuntime } from '../segments/runtime';
import type { ProcessRuntime } from '../runtime/processRuntime';
import { journeyRoutes } from './routes/journeys';
import { templateRoutes } from './routes/templates';
import { JourneyService } from './journeys/journeyService';
import { TemplateCatalog } from './templates/templateCatalog';
import { LearnerQueries } from './learners/learnerQueries';
import { importRoutes } from './routes/imports';
import { trackingRoutes } from './routes/tracking';
import { consentRoutes } from './routes/consent';
import { messageTrackingRoutes } from './routes/messageTracking';
import { privacyRoutes } from './routes/privacy';
import { designerSettingsRoutes } from './routes/designerSettings';
import { messageTokensFrom } from '../messages/tokens';
import type { Mailer } from '../messages/mailer';
import { webhookRoutes } from './routes/webhooks';
import { zodValidatorCompiler } from './validation';
import type { Ingestion } from '../ingestion/pipeline';
import type { StoreModels } from '../store/connection';

export interface AppDependencies {
  config: Pick<Config, 'env' | 'api'> & { temporal: Pick<Config['temporal'], 'uiUrl' | 'namespace'> };
  models: StoreModels;
  ingestion: Ingestion;
  segments: SegmentRuntime;
  journeys: ProcessRuntime['journeys'];
  /** Mails the API sends itself (double opt-in confirmations). */
  mailer?: Mailer;
  probes: ReadinessProbes;
  /** Where the built designer lives; tests point it elsewhere. */
  designerRoot?: string;
  logger?: boolean | object;
}

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** `/webhooks/teachable/<secret>` → `/webhooks/teachable/[secret]`. */
export const withoutUrlSecrets = (url: string) => url.replace(/^(\/webhooks\/[^/?]+\/)[^/?]+/, '$1[secret]');

/** Builds the HTTP API: one fastify plugin per concern, routes validated and documented by zod. */
export async function buildApp(dependencies: AppDependencies): Promise<FastifyInstance> {
  const { env } = dependencies.config;
  const app = Fastify({
    logger: dependencies.logger ?? {
      level: env.LOG_LEVEL,
      // Webhook URLs of platforms that do not sign carry their secret; it must not reach the logs.
      serializers: { req: (request: { method: string; url: string; id: string }) => ({ id: request.id, method: request.method, url: withoutUrlSecrets(request.url) }) },
    },
    bodyLimit: env.BODY_LIMIT_BYTES,
    // Signed tokens in links (tracking, unsubscribe, preferences) are longer than fastify's default 100.
    routerOptions: { maxParamLength: 2048 },
    // A caller's X-Request-Id is kept (so traces join up across services) when it looks like an id.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const keys = new ApiKeys(dependencies.models);
  await app.register(errorHandling);
  await app.register(cors, { origin: env.CORS_ORIGINS, credentials: false, exposedHeaders: ['x-request-id'] });
  await app.register(rateLimit, {
    max: env.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `Rate limit of ${context.max} requests per ${context.after} exceeded.`, {
        retryAfter: context.after,
      }),
  });
  await app.register(docs, { publicUrl: dependencies.config.api.publicUrl });
  await app.register(auth, { keys });
  await app.register(designer, { root: dependencies.designerRoot });

  await app.register(healthRoutes, { probes: dependencies.probes });
  await app.register(keyRoutes, { keys });
  await app.register(hygieneRoutes, { models: dependencies.models });
  await app.register(learnerRoutes, { learners: new LearnerQueries(dependencies.models), client: dependencies.journeys.client });
  await app.register(segmentRoutes, { catalog: new SegmentCatalog(dependencies.segments) });
  await app.register(templateRoutes, { templates: new TemplateCatalog(dependencies.models), mailer: dependencies.mailer });
  await app.register(journeyRoutes, { journeys: new JourneyService(dependencies.journeys) });
  await app.register(webhookRoutes, {
    ingestion: dependencies.ingestion,
    secrets: { teachable: env.TEACHABLE_WEBHOOK_SECRET, thinkific: env.THINKIFIC_WEBHOOK_SECRET, kajabi: env.KAJABI_WEBHOOK_SECRET, stripe: env.STRIPE_WEBHOOK_SECRET },
  });
  await app.register(importRoutes, { ingestion: dependencies.ingestion, models: dependencies.models });
  await app.register(trackingRoutes, { ingestion: dependencies.ingestion, ratePerMinute: env.INGEST_RATE_LIMIT_PER_MINUTE });
  const tokens = messageTokensFrom(env);
  await app.register(messageTrackingRoutes, { models: dependencies.models, ingestion: dependencies.ingestion, tokens });
  await app.register(consentRoutes, { models: dependencies.models, ingestion: dependencies.ingestion, tokens, publicUrl: dependencies.config.api.publicUrl, mailer: dependencies.mailer });
  await app.register(designerSettingsRoutes, { temporalUiUrl: dependencies.config.temporal.uiUrl, temporalNamespace: dependencies.config.temporal.namespace });
  await app.register(privacyRoutes, { models: dependencies.models, journeys: dependencies.journeys });

  app.setNotFoundHandler((request, reply) => {
    if (app.designerBuilt && wantsDesignerPage(request)) return reply.sendDesignerPage();
    return sendError(request, reply, new ApiError(404, 'not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`));
  });
  return app;
}
