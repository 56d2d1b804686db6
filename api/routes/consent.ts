import type { FastifyInstance } from 'fastify';
import type { Ingestion } from '../../ingestion/pipeline';
import { Consents } from '../../messages/consent/consents';
import { ConsentLinks } from '../../messages/consent/links';
import type { Mailer } from '../../messages/mailer';
import type { MessageTokens } from '../../messages/tokens';
import type { StoreModels } from '../../store/connection';
import { adminConsentRoutes } from '../consent/adminRoutes';
import { publicConsentPages } from '../consent/publicPages';

export interface ConsentRouteOptions {
  models: StoreModels;
  ingestion: Ingestion;
  tokens: MessageTokens;
  publicUrl: string;
  mailer?: Mailer;
}

/**
 * Subscription topics, learners' consent, suppressions, and the public unsubscribe and preference
 * pages. Two encapsulated plugins: the admin routes carry the API-key hook, the pages their own form
 * parsers and headers — neither leaks into the other or the rest of the API.
 */
export async function consentRoutes(app: FastifyInstance, options: ConsentRouteOptions) {
  const consents = new Consents(options.models, options.ingestion);
  const links = new ConsentLinks(options.tokens, options.publicUrl);
  await app.register(adminConsentRoutes, { models: options.models, consents, links, mailer: options.mailer });
  await app.register(publicConsentPages, { consents, tokens: options.tokens, links });
}
