import { cyclesWithoutWait } from './checks/cycles';
import { exitWhenWarnings } from './checks/exitWhen';
import { duplicateIds } from './checks/ids';
import { unreachableNodes } from './checks/reachability';
import { unknownEvents, unknownReferences, type KnownNames } from './checks/references';
import { unfinishedSettings } from './checks/settings';
import { checkWiring, type Links } from './checks/wiring';
import { type ExecutableJourney, type ExecutableNode } from './executable';
import { type JourneyGraph, type JourneyNode, type JourneyNodeOf } from './graph';
import { type JourneyProblem } from './problems';
import { goalReferences, nodeReferences, type References } from './references';

export type { KnownNames } from './checks/references';

export type CompileResult = { ok: true; journey: ExecutableJourney; warnings: JourneyProblem[] } | { ok: false; problems: JourneyProblem[]; warnings: JourneyProblem[] };

function executableNode(node: JourneyNode, next: ReadonlyMap<string, string> | undefined): ExecutableNode {
  const { id: _id, position: _position, label, ...step } = node;
  return { ...step, label: label?.trim() || node.id, next: Object.fromEntries(next ?? []) };
}

function dependencies(graph: JourneyGraph): ExecutableJourney['dependsOn'] {
  const all: References[] = [...graph.nodes.map(nodeReferences), ...graph.goals.map(goalReferences)];
  const sorted = (names: string[]) => [...new Set(names)].sort();
  return {
    events: sorted(all.flatMap((references) => references.events)),
    segments: sorted(all.flatMap((references) => references.segments)),
    templates: sorted(all.flatMap((references) => references.templates)),
  };
}

function executable(graph: JourneyGraph, entry: JourneyNodeOf<'entry'>, links: Links): ExecutableJourney {
  return {
    entryNodeId: entry.id,
    trigger: entry.settings.trigger,
    reentry: entry.settings.reentry,
    nodes: Object.fromEntries(graph.nodes.map((node) => [node.id, executableNode(node, links.get(node.id))])),
    goals: graph.goals,
    exitWhen: graph.exitWhen,
    dependsOn: dependencies(graph),
    // Only when set, so versions of journeys that never chose one stay exactly as they were.
    ...(graph.delivery ? { delivery: graph.delivery } : {}),
  };
}

/**
 * Turns a drawn journey into the version runs interpret, or lists every problem that prevents it
 * (each on its node, so the designer can show them all at once). Warnings never prevent publishing.
 */
export function compileJourney(graph: JourneyGraph, known: KnownNames): CompileResult {
  const wiring = checkWiring(graph);
  const problems = [
    ...duplicateIds(graph),
    ...wiring.problems,
    ...unreachableNodes(wiring),
    ...cyclesWithoutWait(wiring),
    ...unfinishedSettings(graph),
    ...unknownReferences(graph, known),
  ];
  const warnings = [...unknownEvents(graph, known), ...exitWhenWarnings(graph)];
  // No problems means exactly one entry; the test of it only tells the type checker.
  const [entry] = wiring.entries;
  if (problems.length > 0 || !entry) return { ok: false, problems, warnings };
  return { ok: true, journey: executable(graph, entry, wiring.links), warnings };
}
