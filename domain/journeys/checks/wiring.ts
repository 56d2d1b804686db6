import { nodeOutputs, type JourneyGraph, type JourneyNode, type JourneyNodeOf } from '../graph';
import { nodeName, type JourneyProblem } from '../problems';

/** Node id → output id → the node that output leads to, for the edges that can be followed. */
export type Links = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface Wiring {
  /** The first node of each id (duplicates are reported by duplicateIds). */
  nodes: ReadonlyMap<string, JourneyNode>;
  entries: JourneyNodeOf<'entry'>[];
  links: Links;
  problems: JourneyProblem[];
}

function entryProblems(entries: JourneyNodeOf<'entry'>[]): JourneyProblem[] {
  if (entries.length === 0) return [{ nodeId: null, code: 'no_entry', message: 'The journey has no entry step: add one to say who starts it and when.' }];
  if (entries.length === 1) return [];
  const names = entries.map(nodeName).join(', ');
  return entries.map((entry) => ({ nodeId: entry.id, code: 'several_entries', message: `The journey has ${entries.length} entry steps (${names}); keep one.` }));
}

/** Checks that edges join existing outputs to existing nodes, and that every output has exactly one edge. */
export function checkWiring(graph: JourneyGraph): Wiring {
  const nodes = new Map<string, JourneyNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const entries = [...nodes.values()].filter((node): node is JourneyNodeOf<'entry'> => node.type === 'entry');
  const problems = entryProblems(entries);
  const links = new Map<string, Map<string, string>>();

  for (const edge of graph.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source || !target) {
      const missing = [source ? null : `from unknown step "${edge.source}"`, target ? null : `to unknown step "${edge.target}"`].filter(Boolean).join(' and ');
      problems.push({ nodeId: (source ?? target)?.id ?? null, edgeId: edge.id, code: 'dangling_edge', message: `A connection leads ${missing}.` });
      continue;
    }
    const outputs = nodeOutputs(source);
    if (!outputs.some((output) => output.id === edge.sourceHandle)) {
      const known = outputs.length ? `its outputs are ${outputs.map((output) => `"${output.label}"`).join(', ')}` : 'it has no outputs';
      problems.push({ nodeId: source.id, edgeId: edge.id, code: 'unknown_handle', message: `${nodeName(source)} has no output "${edge.sourceHandle}": ${known}.` });
      continue;
    }
    if (target.type === 'entry') {
      problems.push({ nodeId: target.id, edgeId: edge.id, code: 'entry_has_incoming', message: `${nodeName(source)} leads into the entry step ${nodeName(target)}; nothing may lead into the entry.` });
      continue;
    }
    const fromSource = links.get(source.id) ?? new Map<string, string>();
    links.set(source.id, fromSource);
    if (fromSource.has(edge.sourceHandle)) {
      const label = outputs.find((output) => output.id === edge.sourceHandle)?.label;
      problems.push({ nodeId: source.id, edgeId: edge.id, code: 'duplicate_edge', message: `The "${label}" output of ${nodeName(source)} has several connections; a learner can only take one.` });
      continue;
    }
    fromSource.set(edge.sourceHandle, target.id);
  }

  for (const node of nodes.values()) {
    for (const output of nodeOutputs(node)) {
      if (!links.get(node.id)?.has(output.id)) {
        problems.push({ nodeId: node.id, code: 'missing_edge', message: `The "${output.label}" output of ${nodeName(node)} leads nowhere: connect it to the next step.` });
      }
    }
  }
  return { nodes, entries, links, problems };
}
