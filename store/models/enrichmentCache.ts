import { Schema, type Connection } from 'mongoose';

/**
 * Answers of third-party enrichment providers, shared by every API and worker process so each email
 * is looked up once per provider and period. FerretDB has no TTL indexes: readers ignore entries
 * whose `expiresAt` has passed, and a fresh lookup overwrites them.
 */
const enrichmentCacheSchema = new Schema(
  {
    /** SHA-256 of provider name and email: the cache never stores the address itself. */
    _id: { type: String, required: true },
    enricher: { type: String, required: true },
    /** The traits the provider returned; null when it knew nothing about the email. */
    result: { type: Schema.Types.Mixed, default: null },
    fetchedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'enrichment_cache', minimize: false },
);

export function enrichmentCacheModel(connection: Connection) {
  return connection.model('EnrichmentCacheEntry', enrichmentCacheSchema);
}
