import type { FastifyInstance } from 'fastify';
import type { Ingestion } from '../../ingestion/pipeline';
import type { MessageTokens } from '../../messages/tokens';
import type { StoreModels } from '../../store/connection';

export interface ConsentRouteOptions {
  models: StoreModels;
  ingestion: Ingestion;
  tokens: MessageTokens;
  publicUrl: string;
}

/** Subscription topics, learners' consent, suppressions, and the public unsubscribe and preference pages. */
export async function consentRoutes(_app: FastifyInstance, _options: ConsentRouteOptions) {}
