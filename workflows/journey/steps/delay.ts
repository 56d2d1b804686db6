import { durationMs } from '../../../domain/segments/durationMath';
import type { DelaySettings } from '../../../domain/journeys';
import { nextAllowedMoment, resolveTimezone } from '../../../domain/journeys/delayUntil';
import { activities, waitFor, type RunContext } from '../context';
import { workflowNow } from '../time';

/** A fixed wait, or until a time of day on allowed weekdays in the learner's timezone. */
export async function delayStep(settings: DelaySettings, context: RunContext): Promise<string> {
  const now = workflowNow();
  let until: number;
  if (settings.mode === 'duration') {
    until = now + durationMs(settings.duration);
  } else {
    const timezone = resolveTimezone(await activities.learnerTimezone(context.input.learnerId), settings.fallbackTimezone);
    until = nextAllowedMoment(now, settings, timezone);
  }
  if (until > now) await waitFor(context, () => false, until - now);
  return 'next';
}
