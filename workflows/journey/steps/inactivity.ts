import type { InactivitySettings } from '../../../domain/journeys';
import { durationMs } from '../../../domain/segments/durationMath';
import { waitFor, type RunContext } from '../context';

/** Waits until the learner has been inactive for the given time; each activity event restarts the clock. */
export async function inactivityStep(settings: InactivitySettings, context: RunContext): Promise<string> {
  const counts = (name: string) => !settings.activityEvents?.length || settings.activityEvents.includes(name);
  for (;;) {
    const from = context.inbox.length;
    const active = await waitFor(context, () => context.inbox.slice(from).some((event) => counts(event.name)), durationMs(settings.inactiveFor));
    if (!active || context.ended()) return 'next';
    // A learner who stays active keeps the run here for good: keep its history bounded.
    await context.continueHereIfLong();
  }
}
