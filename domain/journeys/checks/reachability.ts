import { nodeName, type JourneyProblem } from '../problems';
import { type Wiring } from './wiring';

/** Steps no path from the entry leads to: no learner would ever reach them. */
export function unreachableNodes({ nodes, entries, links }: Wiring): JourneyProblem[] {
  // Without an entry every step would be reported; no_entry says all there is to say.
  if (entries.length === 0) return [];
  const reached = new Set(entries.map((entry) => entry.id));
  const toVisit = [...reached];
  for (let id = toVisit.pop(); id !== undefined; id = toVisit.pop()) {
    for (const target of links.get(id)?.values() ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        toVisit.push(target);
      }
    }
  }
  return [...nodes.values()]
    .filter((node) => !reached.has(node.id))
    .map((node) => ({ nodeId: node.id, code: 'unreachable_node', message: `${nodeName(node)} cannot be reached from the entry: connect a step to it or remove it.` }));
}
