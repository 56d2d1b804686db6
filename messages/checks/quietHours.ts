import { resolveTimezone } from '../../domain/journeys/delayUntil';
import { isKnownTimezone } from '../../domain/journeys/timezones';
import { parseQuietHours, quietUntil } from '../../domain/messages/quietHours';
import type { SendCheck } from '../pipeline';

export interface QuietHoursSettings {
  /** `HH:MM-HH:MM`, undefined = none. */
  quietHours?: string;
  defaultTimezone: string;
}

/**
 * No marketing message during quiet hours in the learner's timezone (the `timezone` trait when it names
 * a known zone, else the default): such a message is held back until the learner's clock leaves them.
 * Transactional messages (receipts, password resets) go at any hour.
 */
export function quietHoursCheck(settings: QuietHoursSettings): SendCheck {
  if (settings.quietHours === undefined) return { check: async () => undefined };
  const window = parseQuietHours(settings.quietHours);
  // Checked once here, so a misconfigured default stops the process at start rather than failing sends.
  if (!isKnownTimezone(settings.defaultTimezone)) throw new Error(`DEFAULT_TIMEZONE "${settings.defaultTimezone}" is not a timezone this engine knows`);
  return {
    async check({ request, traits, at }) {
      if (request.kind !== 'marketing') return undefined;
      const timezone = resolveTimezone(traits.timezone, settings.defaultTimezone);
      const until = quietUntil(at, window, timezone);
      return until === undefined ? undefined : { deferUntil: until, reason: `quiet hours (${window.text} ${timezone})` };
    },
  };
}
