import { type JourneyGraph } from '../graph';
import { nodeName, type JourneyProblem } from '../problems';
import { goalReferences, nodeReferences, type References } from '../references';

/** The catalogues a journey is checked against: segments and templates that exist, events seen so far. */
export interface KnownNames {
  segments: ReadonlySet<string>;
  templates: ReadonlySet<string>;
  events: ReadonlySet<string>;
}

interface Referrer {
  nodeId: string | null;
  name: string;
  references: References;
}

const unique = ({ events, segments, templates }: References): References => ({ events: [...new Set(events)], segments: [...new Set(segments)], templates: [...new Set(templates)] });

function referrers(graph: JourneyGraph): Referrer[] {
  return [
    ...graph.nodes.map((node) => ({ nodeId: node.id, name: nodeName(node), references: unique(nodeReferences(node)) })),
    ...graph.goals.map((goal) => ({ nodeId: null, name: `Goal "${goal.id}"`, references: goalReferences(goal) })),
  ];
}

/** Segments and templates that do not exist: the journey could not run. */
export function unknownReferences(graph: JourneyGraph, known: KnownNames): JourneyProblem[] {
  return referrers(graph).flatMap(({ nodeId, name, references }) => [
    ...references.segments
      .filter((segmentId) => !known.segments.has(segmentId))
      .map((segmentId) => ({ nodeId, code: 'unknown_segment' as const, message: `${name} refers to segment "${segmentId}", which does not exist.` })),
    ...references.templates
      .filter((templateId) => !known.templates.has(templateId))
      .map((templateId) => ({ nodeId, code: 'unknown_template' as const, message: `${name} sends template "${templateId}", which does not exist.` })),
  ]);
}

/** Events never seen yet: allowed (custom events may start arriving later) but often a typo. */
export function unknownEvents(graph: JourneyGraph, known: KnownNames): JourneyProblem[] {
  return referrers(graph).flatMap(({ nodeId, name, references }) =>
    references.events
      .filter((event) => !known.events.has(event))
      .map((event) => ({ nodeId, code: 'unknown_event' as const, message: `${name} refers to event "${event}", which has not been seen yet; check its spelling.` })),
  );
}
