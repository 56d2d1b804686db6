import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ErrorBody, ErrorCode } from '../../domain/errors';
import { isStoreUnavailableError } from '../../store/errors';
import { ApiError, RequestValidationError } from '../errors';
import { isTemporalUnavailableError } from '../temporal';

const codeByStatus: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

function describe(error: FastifyError | Error): { status: number; code: ErrorCode; message: string; details?: unknown } {
  if (error instanceof ApiError) {
    return { status: error.statusCode, code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof RequestValidationError) {
    const location = error.validationContext ?? 'body';
    return {
      status: 400,
      code: 'validation_failed',
      message: `Invalid ${location}: ${error.message}`,
      details: { location, issues: error.issues },
    };
  }
  if (isStoreUnavailableError(error)) {
    return { status: 503, code: 'store_unavailable', message: 'The store is unavailable; retry shortly.' };
  }
  if (isTemporalUnavailableError(error)) {
    return { status: 503, code: 'temporal_unavailable', message: 'Temporal is unavailable; retry shortly.' };
  }
  const status = (error as FastifyError).statusCode;
  if (status && status >= 400 && status < 500) {
    // Fastify's own client errors: malformed JSON, body too large, wrong content type, rate limit.
    const fastifyCode = (error as FastifyError).code;
    const details = fastifyCode?.startsWith('FST_ERR_CTP') ? { location: 'body' } : undefined;
    return { status, code: codeByStatus[status] ?? 'validation_failed', message: error.message, details };
  }
  return { status: 500, code: 'internal_error', message: 'Internal error; the request id identifies it in the logs.' };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: FastifyError | Error) {
  const { status, code, message, details } = describe(error);
  if (status >= 500) request.log.error({ err: error }, message);
  else request.log.info({ code, message }, 'request rejected');
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }), requestId: request.id } };
  return reply.status(status).type('application/json').send(body);
}

/** One error shape for every failure: `{ error: { code, message, details, requestId } }`. */
export const errorHandling = fp(async function errorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(request, reply, error));
});
