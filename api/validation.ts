import type { FastifySchemaCompiler } from 'fastify';
import type { ZodType } from 'zod';
import { fieldIssues } from '../domain/errors';
import { RequestValidationError } from './errors';

/**
 * Validates requests with the route's zod schemas, keeping zod's issue paths (arrays of keys and
 * indexes) so error responses name the exact field. Serialisation and OpenAPI come from
 * fastify-type-provider-zod.
 */
export const zodValidatorCompiler: FastifySchemaCompiler<ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return {
      error: new RequestValidationError(fieldIssues(result.error.issues)),
    };
  };
