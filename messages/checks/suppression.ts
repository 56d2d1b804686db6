import type { StoreModels } from '../../store/connection';
import type { SuppressionDocument } from '../../store/models/suppression';
import type { SendCheck } from '../pipeline';
import { suppressionKey } from '../suppressions';

/**
 * Addresses that must not be mailed (hard bounces, complaints, invalid, manual), checked at send
 * time. Applies to transactional email too: a bounced or complaining address hurts delivery of
 * everything else. Webhooks have no address and pass.
 */
export function suppressionCheck(models: Pick<StoreModels, 'suppressions'>): SendCheck {
  return {
    async check({ request, traits }) {
      if (request.channel !== 'email' || typeof traits.email !== 'string') return undefined;
      const suppressed = await models.suppressions.findById(suppressionKey(traits.email), { reason: 1 }).lean<Pick<SuppressionDocument, 'reason'>>();
      return suppressed ? { skip: `address suppressed (${suppressed.reason})` } : undefined;
    },
  };
}
