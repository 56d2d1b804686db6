import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ingestion } from '../../ingestion/pipeline';
import { EngagementRecorder, type Engagement } from '../../messages/tracking/engagement';
import type { MessageTokens, TokenClaims } from '../../messages/tokens';
import type { StoreModels } from '../../store/connection';
import { ApiError } from '../errors';
import { errorResponses } from './errorResponses';

export interface MessageTrackingOptions {
  models: StoreModels;
  ingestion: Ingestion;
  tokens: MessageTokens;
  /** The clock opens and clicks are recorded (and tokens' expiry judged) at; default Date.now. */
  now?: () => number;
}

/** The smallest transparent GIF (1×1, one transparent colour). */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Every refused link gets this same answer: which check failed would tell a prober something. */
const invalidLink = () => new ApiError(404, 'not_found', 'This link is not valid or has expired.');

/**
 * The token is the rest of the path (a wildcard), not a `:token` parameter: fastify refuses
 * parameters over 100 characters with 414, and a signed click token carrying its URL is longer. A
 * wildcard also lets any junk reach the pixel handler, which must answer every request with the GIF.
 */
const tokenParams = z.object({ '*': z.string() });
const MAX_TOKEN_LENGTH = 8192;
const tokenOf = (rest: string) => (rest.length <= MAX_TOKEN_LENGTH && !rest.includes('/') ? rest : '');

/**
 * Open pixel and click redirects: public, authorised by the signed token in the URL alone. Not rate
 * limited: mail providers' image proxies and office NATs put many learners behind one address, and a
 * limited click would break a learner's link; a forged token costs one HMAC and touches no store.
 */
export async function messageTrackingRoutes(app: FastifyInstance, options: MessageTrackingOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const now = options.now ?? Date.now;
  const recorder = new EngagementRecorder(options.models, options.ingestion);

  /** Claims of a token for `purpose` that names a send, else undefined (forged, altered, expired, other purpose). */
  const verified = (purpose: 'open' | 'click', token: string, at: number): (TokenClaims & { sendId: string }) | undefined => {
    const claims = options.tokens.verify(purpose, token, at);
    return claims && typeof claims.sendId === 'string' ? { ...claims, sendId: claims.sendId } : undefined;
  };

  // HEAD is what link scanners and proxies send to probe a URL; only a GET is a learner's open or click.
  const record = async (request: FastifyRequest, claims: TokenClaims & { sendId: string }, engagement: Engagement, at: number) => {
    if (request.method !== 'GET') return;
    try {
      await recorder.record({ sendId: claims.sendId, learnerId: claims.learnerId }, engagement, at);
    } catch (error) {
      // The learner still gets the image or their page; a lost count is the smaller harm.
      request.log.warn({ err: error }, `could not record an email ${engagement.kind}`);
    }
  };

  routes.get(
    '/m/o/*',
    {
      schema: {
        tags: ['messages'],
        summary: 'Open pixel: a 1×1 transparent GIF, recording an Email Opened event when its token is valid',
        description: 'The path is `/m/o/<token>.gif`. The answer is the same image for any token, valid or not.',
        params: tokenParams,
      },
      config: { rateLimit: false },
    },
    async (request, reply) => {
      const at = now();
      const file = tokenOf(request.params['*']);
      const token = file.endsWith('.gif') ? file.slice(0, -'.gif'.length) : undefined;
      const claims = token === undefined ? undefined : verified('open', token, at);
      if (claims) await record(request, claims, { kind: 'open' }, at);
      return reply
        .header('cache-control', 'no-store, no-cache, must-revalidate, private, max-age=0')
        .header('pragma', 'no-cache')
        .header('expires', '0')
        .type('image/gif')
        .send(TRANSPARENT_GIF);
    },
  );

  routes.get(
    '/m/c/*',
    {
      schema: {
        tags: ['messages'],
        summary: 'Click redirect: 302 to the link in a valid token, recording an Email Clicked event',
        params: tokenParams,
        response: errorResponses(404),
      },
      config: { rateLimit: false },
    },
    async (request, reply) => {
      const at = now();
      const claims = verified('click', tokenOf(request.params['*']), at);
      // Only http(s): the token is ours, but a redirect is never a way to run a script or open an app.
      if (!claims?.url || !/^https?:\/\//i.test(claims.url)) throw invalidLink();
      await record(request, claims, { kind: 'click', url: claims.url }, at);
      // no-store: a cached redirect would send a second click straight to the target, uncounted.
      return reply.header('cache-control', 'no-store').redirect(claims.url, 302);
    },
  );
}
