import { type JourneyGraph } from '../graph';
import { type JourneyProblem } from '../problems';

function repeated(ids: string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}

/** Ids that name more than one node, edge or goal: edges, the designer and run histories could not tell them apart. */
export function duplicateIds(graph: JourneyGraph): JourneyProblem[] {
  return [
    ...repeated(graph.nodes.map((node) => node.id)).map((id) => ({ nodeId: id, code: 'duplicate_node_id' as const, message: `Several steps have the id "${id}": give each its own.` })),
    ...repeated(graph.edges.map((edge) => edge.id)).map((id) => ({ nodeId: null, edgeId: id, code: 'duplicate_edge_id' as const, message: `Several connections have the id "${id}".` })),
    ...repeated(graph.goals.map((goal) => goal.id)).map((id) => ({ nodeId: null, code: 'duplicate_goal_id' as const, message: `Several goals have the id "${id}".` })),
  ];
}
