import type { FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { z } from 'zod';
import { PayloadDecryptionError } from '../../runtime/payloadCodec';
import { ApiError } from '../errors';
import { errorResponses } from './errorResponses';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Route-level CORS options; @fastify/cors reads them at run time but does not declare them. */
    cors?: Omit<FastifyCorsOptions, 'hook' | 'delegator'> | false;
  }
}

const errors = errorResponses(400, 401, 403, 429, 503);
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'must be base64');

/** A payload as the codec-server protocol carries it: protobuf JSON, so bytes are base64. */
const jsonPayloadSchema = z.object({
  metadata: z.record(z.string(), base64).optional(),
  data: base64.optional(),
});
const payloadsSchema = z.object({ payloads: z.array(jsonPayloadSchema).max(10_000) });
type JsonPayload = z.infer<typeof jsonPayloadSchema>;

const toPayload = (json: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(json.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(json.data ?? '', 'base64'),
});
const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? []).toString('base64')])),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});

/**
 * The browser's origin is whatever host the operator typed, so `localhost` and `127.0.0.1` stand for
 * each other.
 */
export function codecOrigins(temporalUiUrl: string): string[] {
  const origin = new URL(temporalUiUrl).origin;
  const twin = origin.includes('://localhost') ? origin.replace('://localhost', '://127.0.0.1') : origin.replace('://127.0.0.1', '://localhost');
  return [...new Set([origin, twin])];
}

export interface CodecRouteOptions {
  /** The codecs the process's Temporal client uses, in encoding order. */
  codecs: PayloadCodec[];
  /** The Temporal Web UI's URL: the only origin allowed to call from a browser. */
  temporalUiUrl: string;
}

/**
 * A Temporal codec server (`POST /codec/encode`, `POST /codec/decode`, body `{ payloads: [...] }`), so
 * the Temporal Web UI (codec endpoint `<API>/codec`) and CLI (`--codec-endpoint <API>/codec
 * --codec-auth "Bearer <key>"`) show decrypted payloads to operators. Operator keys may use nothing
 * but this; admin keys may too. CORS admits only the Temporal UI's origin, whose preflight asks for
 * the Authorization and X-Namespace headers the UI sends.
 */
export async function codecRoutes(app: FastifyInstance, options: CodecRouteOptions) {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  // Read by @fastify/cors (registered app-wide) for these routes only, preflights included: the
  // explicit OPTIONS routes below take precedence over its catch-all one, which carries the
  // app-wide origins.
  const cors = {
    origin: codecOrigins(options.temporalUiUrl),
    methods: ['POST', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Namespace'],
    // The UI's "include cross-origin credentials" setting sends cookies; answering it costs nothing
    // since authentication here is the bearer key, never a cookie.
    credentials: true,
    maxAge: 600,
  };
  const codecs = options.codecs;

  const convert = async (direction: 'encode' | 'decode', payloads: JsonPayload[]) => {
    let current = payloads.map(toPayload);
    const ordered = direction === 'encode' ? codecs : [...codecs].reverse();
    try {
      for (const codec of ordered) current = await codec[direction](current);
    } catch (error) {
      if (error instanceof PayloadDecryptionError) throw new ApiError(400, 'validation_failed', error.message, { location: 'body' });
      throw error;
    }
    return { payloads: current.map(toJson) };
  };

  for (const direction of ['encode', 'decode'] as const) {
    const url = `/codec/${direction}`;
    routes.options(url, { config: { cors }, schema: { hide: true } }, async (_request, reply) => reply.send());
    routes.post(
      url,
      {
        config: { cors },
        preValidation: app.requireKey('operator', 'admin'),
        schema: {
          tags: ['privacy'],
          summary: direction === 'encode' ? 'Encrypt payloads (Temporal codec server; operator or admin key)' : 'Decrypt payloads (Temporal codec server; operator or admin key)',
          security: [{ adminKey: [] }],
          headers: z.object({ 'x-namespace': z.string().optional() }),
          body: payloadsSchema,
          response: { 200: payloadsSchema, ...errors },
        },
      },
      async (request) => convert(direction, request.body.payloads),
    );
  }
}
