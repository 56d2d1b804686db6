import { journeyNodeType } from '../graph';
import { nodeName, type JourneyProblem } from '../problems';
import { type Wiring } from './wiring';

/** The ids one or more links away from `start`. */
function reachableFrom(start: string, linksOf: (id: string) => string[]): Set<string> {
  const reached = new Set<string>();
  const toVisit = linksOf(start);
  for (let id = toVisit.pop(); id !== undefined; id = toVisit.pop()) {
    if (reached.has(id)) continue;
    reached.add(id);
    toVisit.push(...linksOf(id));
  }
  return reached;
}

/**
 * Loops with no delay, wait or inactivity step on them: a learner would go round without pause
 * forever. Among the steps that do not wait, those that reach each other form one loop, reported on
 * its first step and naming them all. Journeys are small enough to find reachability step by step.
 */
export function cyclesWithoutWait({ nodes, links }: Wiring): JourneyProblem[] {
  const steps = [...nodes.values()].filter((node) => !journeyNodeType(node.type).waits);
  const isStep = new Set(steps.map((step) => step.id));
  const linksOf = (id: string) => [...(links.get(id)?.values() ?? [])].filter((target) => isStep.has(target));
  const reaches = new Map(steps.map((step) => [step.id, reachableFrom(step.id, linksOf)]));
  const inReportedLoop = new Set<string>();
  const problems: JourneyProblem[] = [];
  for (const step of steps) {
    if (inReportedLoop.has(step.id) || !reaches.get(step.id)?.has(step.id)) continue;
    const loop = steps.filter((other) => reaches.get(step.id)?.has(other.id) && reaches.get(other.id)?.has(step.id));
    for (const member of loop) inReportedLoop.add(member.id);
    problems.push({
      nodeId: step.id,
      code: 'cycle_without_wait',
      message: `${loop.map(nodeName).join(', ')} loop back without a delay or wait, so a learner would go round forever: add a wait to the loop.`,
    });
  }
  return problems;
}
