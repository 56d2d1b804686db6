import { type ExecutableJourney } from './executable';

/** The events a run must be told about; with anyEvent, every event of the learner (events is then what else it names). */
export interface ListeningEvents {
  anyEvent: boolean;
  events: string[];
}

function journeyWideEvents(journey: ExecutableJourney): string[] {
  const events = journey.goals.map((goal) => (goal.kind === 'event' ? goal.event : 'Segment Entered'));
  if (journey.exitWhen.unsubscribed) events.push('Unsubscribed');
  if (journey.exitWhen.leftEntrySegment && journey.trigger.kind === 'segmentEntered') events.push('Segment Exited');
  return events;
}

/**
 * Which events a run waiting at `nodeId` needs, so that the event router signals only those runs:
 * what the step waits for, plus what ends the run anywhere (goals, unsubscribing, leaving the entry
 * segment). The run itself checks segment ids and property filters.
 */
export function listeningEvents(journey: ExecutableJourney, nodeId: string): ListeningEvents {
  const node = journey.nodes[nodeId];
  if (!node) throw new Error(`Journey has no step "${nodeId}"`);
  const events = journeyWideEvents(journey);
  let anyEvent = false;
  if (node.type === 'waitForEvent') events.push(node.settings.event);
  if (node.type === 'inactivity') {
    const activity = node.settings.activityEvents ?? [];
    anyEvent = activity.length === 0;
    events.push(...activity);
  }
  return { anyEvent, events: [...new Set(events)].sort() };
}
