import type { FastifyInstance, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiKeyKind, ApiKeyView } from '../../domain/apiKeys';
import { ApiError } from '../errors';
import type { ApiKeys } from '../keys/apiKeys';

declare module 'fastify' {
  interface FastifyInstance {
    /** Hook admitting requests whose key is of one of `kinds`; runs before validation (preValidation). */
    requireKey(...kinds: ApiKeyKind[]): preValidationAsyncHookHandler;
  }
  interface FastifyRequest {
    apiKey?: ApiKeyView;
  }
}

/**
 * Keys travel as `Authorization: Bearer <key>`, or — as Segment's write keys do — as the user name
 * of HTTP Basic auth with an empty password, or as `writeKey` in a JSON body.
 */
export function secretFromRequest(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) {
    // Segment clients may send the write key in the body instead.
    const writeKey = (request.body as { writeKey?: unknown } | undefined)?.writeKey;
    return typeof writeKey === 'string' && writeKey ? writeKey : undefined;
  }
  const [scheme, value] = header.split(/\s+/, 2);
  if (!value) return undefined;
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    return separator === -1 ? decoded : decoded.slice(0, separator);
  }
  return undefined;
}

export const auth = fp(async function auth(app: FastifyInstance, options: { keys: ApiKeys }) {
  app.decorateRequest('apiKey', undefined);
  app.decorate('requireKey', (...kinds: ApiKeyKind[]): preValidationAsyncHookHandler => {
    return async (request) => {
      const secret = secretFromRequest(request);
      if (!secret) {
        throw new ApiError(401, 'unauthorized', 'Missing API key: send "Authorization: Bearer <key>".', { header: 'authorization' });
      }
      const key = await options.keys.verify(secret);
      if (!key) throw new ApiError(401, 'unauthorized', 'Unknown or revoked API key.', { header: 'authorization' });
      if (!kinds.includes(key.kind)) {
        throw new ApiError(403, 'forbidden', `A ${key.kind} key cannot use this route; it needs a ${kinds.join(' or ')} key.`, {
          keyKind: key.kind,
          required: kinds,
        });
      }
      request.apiKey = key;
    };
  });
});
