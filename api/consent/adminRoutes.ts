import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  consentSourceSchema,
  learnerConsentViewSchema,
  setConsentSchema,
  suppressionInputSchema,
  suppressionViewSchema,
  topicConsentViewSchema,
  topicIdSchema,
  topicInputSchema,
  topicViewSchema,
  type ConsentStatus,
} from '../../domain/messages/consent';
import type { ConsentActor } from '../../messages/consent/audit';
import type { Consents } from '../../messages/consent/consents';
import { sendConfirmationMail } from '../../messages/consent/confirmationMail';
import type { ConsentLinks } from '../../messages/consent/links';
import type { Mailer } from '../../messages/mailer';
import { findSuppression, listSuppressions, suppress, unsuppress } from '../../messages/suppressions';
import type { StoreModels } from '../../store/connection';
import { ApiError, notFound } from '../errors';
import { errorResponses } from '../routes/errorResponses';

const errors = errorResponses(400, 401, 403, 404, 409, 503);
const security = [{ adminKey: [] }];
const learnerParams = z.object({ learnerId: z.string().min(1).max(200) });
const addressParams = z.object({ address: z.email().max(320) });

export interface AdminConsentOptions {
  models: StoreModels;
  consents: Consents;
  links: ConsentLinks;
  /** Mails double opt-in confirmations; without it the link is only answered. */
  mailer?: Mailer;
}

const actorOf = (request: FastifyRequest): ConsentActor => `api:${request.apiKey?.id ?? 'unknown'}`;

/** Topics, learners' consent and the suppression list; admin keys only. */
export async function adminConsentRoutes(app: FastifyInstance, { models, consents, links, mailer }: AdminConsentOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.addHook('preValidation', app.requireKey('admin'));

  const learnerOr404 = async (learnerId: string) => {
    const learner = await consents.liveLearner(learnerId);
    if (!learner) throw notFound(`Learner ${learnerId}`);
    return learner;
  };

  routes.get(
    '/api/topics',
    { schema: { tags: ['consent'], summary: 'List subscription topics (the defaults exist without setup)', security, response: { 200: z.object({ topics: z.array(topicViewSchema) }), ...errors } } },
    async () => ({ topics: await consents.topics.list() }),
  );

  routes.post(
    '/api/topics',
    { schema: { tags: ['consent'], summary: 'Create a subscription topic', security, body: topicInputSchema, response: { 201: topicViewSchema, ...errors } } },
    async (request, reply) => {
      const topic = await consents.topics.create(request.body);
      if (!topic) throw new ApiError(409, 'conflict', `Topic ${request.body.id} already exists`, { field: 'id', topic: request.body.id });
      return reply.status(201).send(topic);
    },
  );

  routes.get(
    '/api/learners/:learnerId/consent',
    {
      schema: {
        tags: ['consent'],
        summary: "A learner's consent per topic and the global marketing opt-out; a merged id answers for the profile it was merged into",
        security,
        params: learnerParams,
        response: { 200: learnerConsentViewSchema, ...errors },
      },
    },
    async (request) => consents.view(await learnerOr404(request.params.learnerId)),
  );

  routes.put(
    '/api/learners/:learnerId/consent',
    {
      schema: {
        tags: ['consent'],
        summary: 'Unsubscribe a learner from all marketing, or lift that',
        security,
        params: learnerParams,
        body: z.object({ unsubscribedFromAll: z.boolean(), source: consentSourceSchema.optional() }),
        response: { 200: learnerConsentViewSchema, ...errors },
      },
    },
    async (request) => {
      const learner = await learnerOr404(request.params.learnerId);
      await consents.setUnsubscribedFromAll(learner, request.body.unsubscribedFromAll, { actor: actorOf(request), source: request.body.source ?? 'api' });
      return consents.view(await learnerOr404(learner._id));
    },
  );

  routes.put(
    '/api/learners/:learnerId/consent/:topic',
    {
      schema: {
        tags: ['consent'],
        summary: "Set a learner's consent to one topic; opting in to a double opt-in topic answers a confirmation link and leaves it pending",
        security,
        params: learnerParams.extend({ topic: topicIdSchema }),
        body: setConsentSchema,
        response: { 200: z.object({ consent: topicConsentViewSchema, changed: z.boolean(), confirmationUrl: z.string().optional(), confirmationMailed: z.boolean().optional() }), ...errors },
      },
    },
    async (request) => {
      const { topic: topicId } = request.params;
      const learner = await learnerOr404(request.params.learnerId);
      const topic = await consents.topics.get(topicId);
      if (!topic) throw new ApiError(404, 'not_found', `Topic ${topicId} not found`, { field: 'topic', topic: topicId });
      const { status, confirmed } = request.body;
      const current = await consents.status(learner._id, topic);
      // Opting in to a double opt-in topic waits for the learner's confirmation, unless it is confirmed
      // already (an import of confirmed opt-ins) or the learner is opted in.
      const to: ConsentStatus = status === 'opted_in' && topic.doubleOptIn && !confirmed && current !== 'opted_in' ? 'pending' : status;
      const { changed } = await consents.set(learner._id, topic, to, { actor: actorOf(request), source: request.body.source ?? 'api' });
      const view = await consents.view(await learnerOr404(learner._id));
      const consent = view.topics.find((entry) => entry.topic === topic.id)!;
      if (to !== 'pending') return { consent, changed };
      // Mailed to the learner when there is an address and a mailer; GET on the link confirms.
      const confirmationUrl = links.confirm(learner._id, topic.id);
      const email = (learner.traits as Record<string, unknown> | undefined)?.email;
      let confirmationMailed = false;
      if (mailer && changed && typeof email === 'string' && email !== '') {
        await sendConfirmationMail(mailer, { to: email, topicName: topic.name, confirmationUrl, messageIdDomain: 'course-journeys.local' });
        confirmationMailed = true;
      }
      return { consent, changed, confirmationUrl, confirmationMailed };
    },
  );

  routes.get(
    '/api/suppressions',
    {
      schema: {
        tags: ['consent'],
        summary: 'List suppressed addresses in address order; page with `after` (the last address seen)',
        security,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), after: z.string().max(320).optional() }),
        response: { 200: z.object({ suppressions: z.array(suppressionViewSchema) }), ...errors },
      },
    },
    async (request) => ({ suppressions: await listSuppressions(models, request.query) }),
  );

  routes.get(
    '/api/suppressions/:address',
    { schema: { tags: ['consent'], summary: 'Whether an address is suppressed, and why', security, params: addressParams, response: { 200: suppressionViewSchema, ...errors } } },
    async (request) => {
      const suppression = await findSuppression(models, request.params.address);
      if (!suppression) throw notFound(`Suppression of ${request.params.address}`);
      return suppression;
    },
  );

  routes.post(
    '/api/suppressions',
    {
      schema: {
        tags: ['consent'],
        summary: 'Suppress an address (201); an address already suppressed keeps its first reason (200)',
        security,
        body: suppressionInputSchema,
        response: { 200: suppressionViewSchema, 201: suppressionViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { created, suppression } = await suppress(models, request.body.address, request.body.reason, request.body.note);
      return reply.status(created ? 201 : 200).send(suppression);
    },
  );

  routes.delete(
    '/api/suppressions/:address',
    { schema: { tags: ['consent'], summary: 'Lift a suppression', security, params: addressParams, response: { 200: suppressionViewSchema, ...errors } } },
    async (request) => {
      const removed = await unsuppress(models, request.params.address);
      if (!removed) throw notFound(`Suppression of ${request.params.address}`);
      return removed;
    },
  );
}
