import { createHash } from 'node:crypto';
import type { StoreModels } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import type { Ingestion } from '../pipeline';
import { enrichWithThirdParty } from './enrichLearner';
import type { ThirdPartyEnricher } from './httpEnricher';

/**
 * Asks a third-party provider about a learner whenever their email changes, off the request path,
 * and feeds what it finds back through the pipeline as an identify from source "enrichment" — so it
 * is normalised, recorded in the trait history and never overwrites a trait the learner has.
 * Learners who set `doNotSellOrShare` (CCPA) are never sent.
 */
export function enrichOnEmailChange(options: {
  ingestion: Ingestion;
  models: Pick<StoreModels, 'learners'>;
  enricher: ThirdPartyEnricher;
  onError: (error: unknown, learnerId: string) => void;
}) {
  const inFlight = new Set<Promise<void>>();

  const enrich = async (learnerId: string) => {
    const learner = await options.models.learners.findById(learnerId).lean<LearnerDocument>();
    if (!learner || learner.mergedInto) return;
    const traits = (learner.traits ?? {}) as Record<string, unknown>;
    const found = await enrichWithThirdParty(traits, { doNotSellOrShare: traits.doNotSellOrShare === true }, options.enricher);
    const id = learner.userId ? { userId: learner.userId } : learner.anonymousIds[0] ? { anonymousId: learner.anonymousIds[0] } : undefined;
    if (Object.keys(found).length === 0 || !id) return;
    const digest = createHash('sha256').update(`${learnerId}:${String(traits.email)}`).digest('hex').slice(0, 32);
    await options.ingestion.ingest([{ type: 'identify', ...id, traits: found, messageId: `enrichment:${options.enricher.name}:${digest}` }], { source: 'enrichment' });
  };

  const unsubscribe = options.ingestion.hook.subscribe((change) => {
    if (!change.traits.includes('email')) return;
    const run = enrich(change.learnerId)
      .catch((error: unknown) => options.onError(error, change.learnerId))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  });

  return {
    unsubscribe,
    /** Resolves once every lookup started so far has finished (tests, graceful shutdown). */
    async idle(): Promise<void> {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}
