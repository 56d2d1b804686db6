import { type JourneyGraph } from '../../../domain/journeys/graph';
import { type JourneyProblem } from '../../../domain/journeys/problems';
import { exampleJourneys } from '../../../domain/journeys/examples';
import { updateNode } from './graphEditing';
import { indexProblems, problemCount, problemsLabel, settingsIssues } from './problemMapping';

const graph: JourneyGraph = JSON.parse(JSON.stringify(exampleJourneys.find((journey) => journey.id === 'onboarding')!.graph)) as JourneyGraph;

describe('problems on the canvas', () => {
  it('files problems under their node and edge, and the rest under the journey', () => {
    const problems: JourneyProblem[] = [
      { nodeId: 'welcome', code: 'unknown_template', message: 'unknown template' },
      { nodeId: 'welcome', code: 'message_without_template', message: 'no template' },
      { nodeId: 'completed', edgeId: 'completed-yes-finished', code: 'duplicate_edge', message: 'two edges' },
      { nodeId: null, code: 'no_entry', message: 'no entry' },
      { nodeId: 'deleted-since', code: 'unreachable_node', message: 'gone' },
    ];
    const index = indexProblems(problems, graph);
    expect(index.byNode.get('welcome')).toHaveLength(2);
    expect(index.byNode.get('completed')).toHaveLength(1);
    expect(index.byEdge.get('completed-yes-finished')).toHaveLength(1);
    expect(index.journey.map((problem) => problem.code)).toEqual(['no_entry', 'unreachable_node']);
    const welcome = graph.nodes.find((node) => node.id === 'welcome')!;
    expect(problemCount(index, welcome)).toBe(2);
    expect(problemsLabel(2)).toBe('2 problems');
  });

  it('counts settings the schema refuses, found in the browser while typing', () => {
    const broken = updateNode(graph, 'wait-2-days', (node) => ({ ...node, settings: { mode: 'duration', duration: { amount: 0, unit: 'days' } } }) as typeof node);
    const node = broken.nodes.find((candidate) => candidate.id === 'wait-2-days')!;
    expect(settingsIssues(node)).toEqual([expect.objectContaining({ path: ['duration', 'amount'] })]);
    expect(problemCount(indexProblems([], broken), node)).toBe(1);
  });
});
