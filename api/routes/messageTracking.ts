import type { FastifyInstance } from 'fastify';
import type { Ingestion } from '../../ingestion/pipeline';
import type { MessageTokens } from '../../messages/tokens';
import type { StoreModels } from '../../store/connection';

export interface MessageTrackingOptions {
  models: StoreModels;
  ingestion: Ingestion;
  tokens: MessageTokens;
}

/** Open pixel and click redirects: public, authorised by the signed token in the URL alone. */
export async function messageTrackingRoutes(_app: FastifyInstance, _options: MessageTrackingOptions) {}
