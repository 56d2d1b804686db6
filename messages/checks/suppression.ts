import type { StoreModels } from '../../store/connection';
import type { SendCheck } from '../pipeline';

/** Addresses that must not be mailed (hard bounces, complaints, invalid, manual), checked at send time. */
export function suppressionCheck(_models: StoreModels): SendCheck {
  return { check: async () => undefined };
}
