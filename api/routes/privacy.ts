import type { FastifyInstance } from 'fastify';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { StoreModels } from '../../store/connection';

export interface PrivacyRouteOptions {
  models: StoreModels;
  journeys: ProcessRuntime['journeys'];
}

/** Data requests: export everything held about a learner, erase a learner; both audited. */
export async function privacyRoutes(_app: FastifyInstance, _options: PrivacyRouteOptions) {}
