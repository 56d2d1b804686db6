import type { Env } from '../config/env';
import { normaliseTraits } from '../domain/normalise';
import type { StoreModels } from '../store/connection';
import { withCacheAndRateLimit } from './enrichment/cachedEnricher';
import { enrichOnEmailChange } from './enrichment/enrichOnChange';
import { createHttpEnricher } from './enrichment/httpEnricher';
import { Ingestion } from './pipeline';

const DAY_MS = 86_400_000;

/** The process's ingestion pipeline, with third-party enrichment switched on when ENRICHMENT_URL is set. */
export function createIngestion(models: StoreModels, env: Env, log: { warn(object: object, message: string): void }) {
  const ingestion = new Ingestion(models, { prepareTraits: (traits) => normaliseTraits(traits, { categoryMaps: env.TRAIT_CATEGORY_MAPS }) });
  if (!env.ENRICHMENT_URL) return { ingestion, idle: async () => undefined };
  const enricher = withCacheAndRateLimit(
    createHttpEnricher({
      name: env.ENRICHMENT_NAME,
      url: env.ENRICHMENT_URL,
      headers: env.ENRICHMENT_API_KEY ? { authorization: `Bearer ${env.ENRICHMENT_API_KEY}` } : {},
    }),
    {
      models,
      ttlMs: env.ENRICHMENT_CACHE_DAYS * DAY_MS,
      maxPerMinute: env.ENRICHMENT_MAX_PER_MINUTE,
      onLookupFailed: (error) => log.warn({ err: (error as Error).message }, 'enrichment lookup failed'),
    },
  );
  const enrichment = enrichOnEmailChange({ ingestion, models, enricher, onError: (error, learnerId) => log.warn({ err: (error as Error).message, learnerId }, 'enrichment failed') });
  return { ingestion, idle: enrichment.idle };
}
