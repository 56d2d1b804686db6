import { type z } from 'zod';
import { journeyNodeType, type JourneyGraph, type JourneyNode } from '../../../domain/journeys/graph';
import { type JourneyProblem } from '../../../domain/journeys/problems';

/**
 * Problems come from the server (validate, publish) and from the settings schemas checked here while
 * the marketer types; both are shown on the node they belong to.
 */

/** A settings error found in the browser, at a path inside the node's settings. */
export interface SettingsIssue {
  path: PropertyKey[];
  message: string;
}

export function settingsIssues(node: JourneyNode): SettingsIssue[] {
  const result = (journeyNodeType(node.type).settingsSchema as z.ZodType).safeParse(node.settings);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message }));
}

export interface ProblemIndex {
  byNode: ReadonlyMap<string, JourneyProblem[]>;
  byEdge: ReadonlyMap<string, JourneyProblem[]>;
  /** Problems of the whole journey (no entry step, goals), listed but not on any node. */
  journey: JourneyProblem[];
}

/**
 * Files each problem under its node (and its edge, when it names one). A problem naming a node that
 * is no longer drawn (deleted since validating) is listed with the journey's, so it is never lost.
 */
export function indexProblems(problems: readonly JourneyProblem[], graph: JourneyGraph): ProblemIndex {
  const nodes = new Set(graph.nodes.map((node) => node.id));
  const edges = new Set(graph.edges.map((edge) => edge.id));
  const byNode = new Map<string, JourneyProblem[]>();
  const byEdge = new Map<string, JourneyProblem[]>();
  const journey: JourneyProblem[] = [];
  for (const problem of problems) {
    if (problem.edgeId !== undefined && edges.has(problem.edgeId)) byEdge.set(problem.edgeId, [...(byEdge.get(problem.edgeId) ?? []), problem]);
    if (problem.nodeId !== null && nodes.has(problem.nodeId)) byNode.set(problem.nodeId, [...(byNode.get(problem.nodeId) ?? []), problem]);
    else if (problem.edgeId === undefined || !edges.has(problem.edgeId)) journey.push(problem);
  }
  return { byNode, byEdge, journey };
}

/** How many problems a node's badge counts: the last validation's, plus its settings errors now. */
export function problemCount(index: ProblemIndex, node: JourneyNode): number {
  return (index.byNode.get(node.id)?.length ?? 0) + settingsIssues(node).length;
}

// Always "problems", even for one: end-to-end tests find badges by this exact name.
export const problemsLabel = (count: number) => `${count} problems`;
