import type { JourneyDelivery } from '../../domain/journeys/graph';
import type { ExecutableJourney } from '../../domain/journeys/executable';
import type { StoreModels } from '../../store/connection';
import { journeyVersionId, type JourneyVersionDocument } from '../../store/models/journeyVersion';

export type JourneyDeliveryLookup = (journeyId: string | undefined, version: number | undefined) => Promise<JourneyDelivery>;

/**
 * A journey version's delivery settings (From, Reply-To), read once per version and process: versions
 * never change once published, so the first answer stays right. Sends outside a journey, and versions
 * published before journeys had delivery settings, get none (the workspace defaults apply).
 */
export function journeyDeliveryLookup(models: Pick<StoreModels, 'journeyVersions'>): JourneyDeliveryLookup {
  // The promise is kept, so concurrent sends of a version share one read; a failed read is forgotten.
  const cache = new Map<string, Promise<JourneyDelivery>>();
  return (journeyId, version) => {
    if (journeyId === undefined || version === undefined) return Promise.resolve({});
    const id = journeyVersionId(journeyId, version);
    let settings = cache.get(id);
    if (!settings) {
      settings = models.journeyVersions
        .findById(id, { 'executable.delivery': 1 })
        .lean<Pick<JourneyVersionDocument, '_id'> & { executable?: Pick<ExecutableJourney, 'delivery'> }>()
        .then((doc) => {
          // A version that is not there (yet) is not remembered: it may be published after all.
          if (!doc) cache.delete(id);
          return doc?.executable?.delivery ?? {};
        });
      settings.catch(() => cache.delete(id));
      cache.set(id, settings);
    }
    return settings;
  };
}
