import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { kajabiWebhookSchema, mapKajabiWebhook, mapStripeEvent, mapTeachableWebhook, mapThinkificWebhook, stripeEventSchema, teachableWebhookSchema, thinkificWebhookSchema } from '../../../domain/sources';
import type { Ingestion } from '../../../ingestion/pipeline';
import { verifySharedSecret, verifyStripeSignature, verifyThinkificSignature } from '../../webhooks/signatures';
import { ApiError } from '../../errors';
import { receiveWebhook, type WebhookSource } from './receive';

export interface WebhookSecrets {
  teachable?: string;
  thinkific?: string;
  kajabi?: string;
  stripe?: string;
}

const WEBHOOK_BODY_LIMIT = 1024 * 1024;

function secretFor(secrets: WebhookSecrets, platform: keyof WebhookSecrets, variable: string): string {
  const secret = secrets[platform];
  if (!secret) throw new ApiError(404, 'not_found', `${platform} webhooks are not configured on this server (set ${variable}).`);
  return secret;
}

const unauthorized = (why: string) => new ApiError(401, 'unauthorized', why, { header: 'signature' });

/**
 * Webhook endpoints of the course platforms and Stripe. Platforms that sign (Thinkific, Stripe) are
 * verified against the raw body; those that do not (Teachable, Kajabi) carry a per-source secret in
 * the URL (or the `X-Webhook-Secret` header). docs/sources.md lists what each one maps to.
 */
export async function webhookRoutes(app: FastifyInstance, options: { ingestion: Ingestion; secrets: WebhookSecrets }) {
  // Signatures are computed over the exact bytes sent, so keep them beside the parsed JSON.
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, JSON.parse((body as Buffer).toString('utf8')));
    } catch (error) {
      done(Object.assign(new Error(`Body is not valid JSON: ${(error as Error).message}`), { statusCode: 400 }), undefined);
    }
  });
  const config = { rateLimit: false as const };
  const schema = (summary: string) => ({ tags: ['webhooks'], summary, hide: false });

  const withSharedSecret = <Schema extends z.ZodType>(platform: 'teachable' | 'kajabi', webhook: WebhookSource<Schema>) => {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const expected = secretFor(options.secrets, platform, `${platform.toUpperCase()}_WEBHOOK_SECRET`);
      const given = (request.params as { secret?: string }).secret ?? (request.headers['x-webhook-secret'] as string | undefined);
      if (!verifySharedSecret(given, expected)) throw unauthorized(`Wrong or missing ${webhook.label} webhook secret.`);
      return receiveWebhook(request, reply, options.ingestion, webhook);
    };
    app.post(`/webhooks/${platform}`, { config, schema: schema(`${webhook.label} webhook (secret in X-Webhook-Secret)`) }, handler);
    app.post(`/webhooks/${platform}/:secret`, { config, schema: schema(`${webhook.label} webhook (secret in the URL)`) }, handler);
  };
  withSharedSecret('teachable', { source: 'teachable', label: 'Teachable', schema: teachableWebhookSchema, map: mapTeachableWebhook });
  withSharedSecret('kajabi', { source: 'kajabi', label: 'Kajabi', schema: kajabiWebhookSchema, map: mapKajabiWebhook });

  app.post('/webhooks/thinkific', { config, schema: schema('Thinkific webhook (X-Thinkific-Hmac-Sha256)') }, async (request, reply) => {
    const secret = secretFor(options.secrets, 'thinkific', 'THINKIFIC_WEBHOOK_SECRET');
    if (!verifyThinkificSignature(request.rawBody ?? '', request.headers['x-thinkific-hmac-sha256'] as string | undefined, secret)) {
      throw unauthorized('Invalid or missing X-Thinkific-Hmac-Sha256 signature.');
    }
    return receiveWebhook(request, reply, options.ingestion, { source: 'thinkific', label: 'Thinkific', schema: thinkificWebhookSchema, map: mapThinkificWebhook });
  });

  app.post('/webhooks/stripe', { config, schema: schema('Stripe webhook (Stripe-Signature)') }, async (request, reply) => {
    const secret = secretFor(options.secrets, 'stripe', 'STRIPE_WEBHOOK_SECRET');
    const verdict = verifyStripeSignature(request.rawBody ?? '', request.headers['stripe-signature'] as string | undefined, secret);
    if (!verdict.ok) throw unauthorized(`Invalid Stripe-Signature: ${verdict.reason}.`);
    return receiveWebhook(request, reply, options.ingestion, { source: 'stripe', label: 'Stripe', schema: stripeEventSchema, map: mapStripeEvent });
  });
}
