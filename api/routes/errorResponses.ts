import { errorBodySchema } from '../../domain/errors';

/** The OpenAPI responses of a route's failures, all in the one error shape. */
export function errorResponses<Status extends number>(...statuses: Status[]): Record<Status, typeof errorBodySchema> {
  return Object.fromEntries(statuses.map((status) => [status, errorBodySchema])) as Record<Status, typeof errorBodySchema>;
}
