import type { WaitForEventSettings } from '../../../domain/journeys';
import { durationMs } from '../../../domain/segments/durationMath';
import { matchesFilters } from '../../../domain/segments/propertyMatch';
import { waitFor, type RunContext } from '../context';

/** "Wait up to 7 days for Lesson Completed": happened, or timed out. */
export async function waitForEventStep(settings: WaitForEventSettings, context: RunContext): Promise<string> {
  const from = context.inbox.length;
  const happened = () => context.inbox.slice(from).some((event) => event.name === settings.event && matchesFilters(settings.where, event.properties));
  await waitFor(context, happened, durationMs(settings.timeout));
  return happened() ? 'happened' : 'timedOut';
}
