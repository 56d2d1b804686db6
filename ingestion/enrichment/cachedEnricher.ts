import { createHash } from 'node:crypto';
import { isDuplicateKeyError } from '../../store/errors';
import { type enrichmentCacheModel } from '../../store/models/enrichmentCache';
import { type rateLimitWindowModel } from '../../store/models/rateLimitWindow';
import { type ThirdPartyEnricher } from './httpEnricher';

/** The store collections the wrapper shares with every other API and worker process. */
export interface EnrichmentModels {
  enrichmentCache: ReturnType<typeof enrichmentCacheModel>;
  rateLimitWindows: ReturnType<typeof rateLimitWindowModel>;
}

export interface CacheAndRateLimitOptions {
  models: EnrichmentModels;
  /** How long an answer, "nothing found" included, is reused before the provider is asked again. */
  ttlMs: number;
  /** Provider calls allowed per clock minute across all processes. */
  maxPerMinute: number;
  now?: () => Date;
  /** Told about lookups that failed (and were skipped), e.g. to log them. */
  onLookupFailed?: (error: unknown) => void;
}

const MINUTE_MS = 60_000;

/** Keyed by a hash: the cache says nothing about who was looked up to someone reading the store. */
function cacheKey(enricher: string, email: string): string {
  return createHash('sha256').update(`${enricher}\n${email.trim().toLowerCase()}`).digest('hex');
}

/**
 * Claims one of the current minute's calls; false when all are taken. Each call is a document with a
 * unique slot number, so however many processes race, at most `maxPerMinute` inserts succeed
 * (see store/models/rateLimitWindow.ts for why this is not a `$inc` counter).
 */
async function claimCall(model: EnrichmentModels['rateLimitWindows'], resource: string, maxPerMinute: number, now: Date): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
  // Start at the first slot that looks free; a slot taken in the meantime moves on to the next.
  for (let slot = (await model.countDocuments({ resource, windowStart })) + 1; slot <= maxPerMinute; slot += 1) {
    try {
      await model.create({ _id: `${resource}:${windowStart.toISOString()}:${slot}`, resource, windowStart });
    } catch (error) {
      if (isDuplicateKeyError(error)) continue;
      throw error;
    }
    // The first call of a window clears the finished ones (FerretDB has no TTL index to do it).
    if (slot === 1) await model.deleteMany({ resource, windowStart: { $lt: windowStart } });
    return true;
  }
  return false;
}

/**
 * Puts a shared cache and a shared rate limit in front of a provider. A cached answer is served
 * without a call; past the limit the lookup is skipped (undefined, not cached) rather than delayed,
 * since ingestion must not wait on enrichment. Provider failures are skipped the same way and are
 * not cached, so the next message tries again. Store failures propagate.
 */
export function withCacheAndRateLimit(enricher: ThirdPartyEnricher, options: CacheAndRateLimitOptions): ThirdPartyEnricher {
  const { models, ttlMs, maxPerMinute, now = () => new Date(), onLookupFailed } = options;
  return {
    name: enricher.name,
    async lookup(email) {
      const _id = cacheKey(enricher.name, email);
      const cached = await models.enrichmentCache.findById(_id).lean();
      if (cached && cached.expiresAt.getTime() > now().getTime()) {
        return (cached.result as Record<string, unknown> | null) ?? undefined;
      }
      if (!(await claimCall(models.rateLimitWindows, `enrichment:${enricher.name}`, maxPerMinute, now()))) return undefined;
      let result: Record<string, unknown> | undefined;
      try {
        result = await enricher.lookup(email);
      } catch (error) {
        onLookupFailed?.(error);
        return undefined;
      }
      const fetchedAt = now();
      const entry = { enricher: enricher.name, result: result ?? null, fetchedAt, expiresAt: new Date(fetchedAt.getTime() + ttlMs) };
      // Two processes that missed the cache together may both store their answer; one upsert then
      // loses the insert race, and the other's answer is just as good.
      await models.enrichmentCache.updateOne({ _id }, { $set: entry }, { upsert: true }).catch((error: unknown) => {
        if (!isDuplicateKeyError(error)) throw error;
      });
      return result;
    },
  };
}
