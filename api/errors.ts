import type { ErrorCode, FieldIssue } from '../domain/errors';

/** An error the API reports as-is: its status, code and message reach the client. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Request parts fastify validates; each route schema may describe any of them. */
export type RequestPart = 'body' | 'querystring' | 'params' | 'headers';

/** A request that failed its zod schema; keeps zod's issue paths so the client sees which field. */
export class RequestValidationError extends Error {
  override name = 'RequestValidationError';
  readonly statusCode = 400;
  validationContext?: RequestPart;
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '));
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** A 400 for body fields found wrong after schema validation (references, cycles…), in the same shape. */
export const invalidBody = (issues: FieldIssue[]) =>
  new ApiError(400, 'validation_failed', issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '), { location: 'body', issues });
