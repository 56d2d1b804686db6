import { type JourneyGraph } from '../graph';
import { type JourneyProblem } from '../problems';

/** "Exit when they leave the entry segment" means nothing unless the journey starts on entering one. */
export function exitWhenWarnings(graph: JourneyGraph): JourneyProblem[] {
  if (!graph.exitWhen.leftEntrySegment) return [];
  const entry = graph.nodes.find((node) => node.type === 'entry');
  if (!entry || entry.settings.trigger.kind === 'segmentEntered') return [];
  return [{ nodeId: entry.id, code: 'no_entry_segment', message: 'The journey is set to end when the learner leaves the entry segment, but it does not start on entering a segment, so that never happens.' }];
}
