import { journeyGraphSchema, journeyNodeTypes, nodeOutputs, type JourneyGraph } from '../../../domain/journeys/graph';
import { exampleJourneys } from '../../../domain/journeys/examples';
import {
  addNode,
  addNodeAfter,
  autoLayout,
  canConnect,
  connect,
  copySelection,
  createNode,
  defaultSettings,
  edgesFromMissingOutputs,
  insertOnEdge,
  moveNodes,
  paste,
  removeElements,
  updateNode,
} from './graphEditing';

const empty: JourneyGraph = { nodes: [], edges: [], goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } };

/** entry → delay → exit, drawn left to right. */
function line(): JourneyGraph {
  let graph = addNode(empty, 'entry', { x: 0, y: 0 }).graph;
  graph = addNodeAfter(graph, 'delay', 'entry-1').graph;
  return addNodeAfter(graph, 'exit', 'delay-1').graph;
}

describe('journey graph editing', () => {
  it('gives every node type settings its schema accepts, so a new node never blocks saving', () => {
    for (const { type } of journeyNodeTypes) {
      const graph = addNode(empty, type, { x: 0, y: 0 }).graph;
      expect(journeyGraphSchema.safeParse(graph).success).toBe(true);
    }
    const first = defaultSettings('split');
    first.variants[0]!.label = 'changed';
    expect(defaultSettings('split').variants[0]!.label).toBe('Variant A');
  });

  it('names new nodes after their type with the first free number', () => {
    const taken = new Set(['send-message-1', 'send-message-3']);
    expect(createNode('sendMessage', { x: 0, y: 0 }, taken).id).toBe('send-message-2');
  });

  it('adds a node after the selected one, joined from its first free output', () => {
    const graph = line();
    expect(graph.nodes.map((node) => node.id)).toEqual(['entry-1', 'delay-1', 'exit-1']);
    expect(graph.edges.map((edge) => [edge.source, edge.sourceHandle, edge.target])).toEqual([
      ['entry-1', 'next', 'delay-1'],
      ['delay-1', 'next', 'exit-1'],
    ]);
    const delay = graph.nodes.find((node) => node.id === 'delay-1')!;
    expect(delay.position.x).toBeGreaterThan(0);

    const withCondition = addNodeAfter(graph, 'condition', 'exit-1');
    // An exit has no outputs: the node is placed beside it but not joined.
    expect(withCondition.graph.edges).toHaveLength(2);
    const yes = addNodeAfter(withCondition.graph, 'exit', withCondition.nodeId);
    const no = addNodeAfter(yes.graph, 'exit', withCondition.nodeId);
    expect(no.graph.edges.filter((edge) => edge.source === withCondition.nodeId).map((edge) => edge.sourceHandle)).toEqual(['yes', 'no']);
    // The second exit is not put on top of the first.
    const positions = no.graph.nodes.filter((node) => node.id === yes.nodeId || node.id === no.nodeId).map((node) => node.position);
    expect(positions[0]).not.toEqual(positions[1]);
  });

  it('inserts a node dropped on an edge between the two nodes it joined', () => {
    const graph = line();
    const edge = graph.edges.find((candidate) => candidate.source === 'entry-1')!;
    const inserted = insertOnEdge(graph, edge.id, 'sendMessage');
    const links = inserted.graph.edges.map((candidate) => `${candidate.source}:${candidate.sourceHandle}->${candidate.target}`);
    expect(links).toEqual(expect.arrayContaining(['entry-1:next->send-message-1', 'send-message-1:next->delay-1', 'delay-1:next->exit-1']));
    expect(links).toHaveLength(3);
    expect(inserted.graph.edges.some((candidate) => candidate.id === edge.id)).toBe(false);
  });

  it('inserts a node with branches on an edge, continuing from its first output', () => {
    const graph = line();
    const edge = graph.edges.find((candidate) => candidate.source === 'delay-1')!;
    const inserted = insertOnEdge(graph, edge.id, 'waitForEvent', { x: 500, y: 20 });
    const node = inserted.graph.nodes.find((candidate) => candidate.id === inserted.nodeId)!;
    expect(node.position).toEqual({ x: 500, y: 20 });
    expect(inserted.graph.edges.filter((candidate) => candidate.source === inserted.nodeId).map((candidate) => [candidate.sourceHandle, candidate.target])).toEqual([['happened', 'exit-1']]);
  });

  it('deletes a node together with every edge that touched it', () => {
    const removed = removeElements(line(), { nodeIds: ['delay-1'] });
    expect(removed.nodes.map((node) => node.id)).toEqual(['entry-1', 'exit-1']);
    expect(removed.edges).toEqual([]);
    const edgeOnly = removeElements(line(), { edgeIds: [line().edges[0]!.id] });
    expect(edgeOnly.nodes).toHaveLength(3);
    expect(edgeOnly.edges).toHaveLength(1);
  });

  it('connects an output to one place only, and never into the entry', () => {
    const graph = removeElements(line(), { edgeIds: line().edges.map((edge) => edge.id) });
    const joined = connect(graph, { source: 'entry-1', sourceHandle: 'next', target: 'delay-1' });
    expect(joined.edges).toHaveLength(1);
    const rejoined = connect(joined, { source: 'entry-1', sourceHandle: 'next', target: 'exit-1' });
    expect(rejoined.edges.map((edge) => edge.target)).toEqual(['exit-1']);
    expect(canConnect(rejoined, { source: 'delay-1', sourceHandle: 'next', target: 'entry-1' })).toBe(false);
    expect(canConnect(rejoined, { source: 'delay-1', sourceHandle: 'yes', target: 'exit-1' })).toBe(false);
    expect(connect(rejoined, { source: 'delay-1', sourceHandle: 'next', target: 'entry-1' })).toBe(rejoined);
  });

  it('pastes copies with fresh ids, keeping only the edges inside the copy', () => {
    const graph = line();
    const clipboard = copySelection(graph, ['delay-1', 'exit-1']);
    expect(clipboard.edges).toHaveLength(1);
    const pasted = paste(graph, clipboard, { x: 40, y: 40 });
    expect(pasted.nodeIds).toEqual(['delay-2', 'exit-2']);
    expect(new Set(pasted.graph.nodes.map((node) => node.id)).size).toBe(5);
    expect(new Set(pasted.graph.edges.map((edge) => edge.id)).size).toBe(3);
    expect(pasted.graph.edges.at(-1)).toMatchObject({ source: 'delay-2', sourceHandle: 'next', target: 'exit-2' });
    const original = graph.nodes.find((node) => node.id === 'delay-1')!;
    const copy = pasted.graph.nodes.find((node) => node.id === 'delay-2')!;
    expect(copy.position).toEqual({ x: original.position.x + 40, y: original.position.y + 40 });
    // The copy's settings are its own.
    expect(copy.settings).not.toBe(original.settings);
    expect(journeyGraphSchema.safeParse(pasted.graph).success).toBe(true);
  });

  it('lays a journey out left to right, each step right of the one before, branches apart', () => {
    const onboarding = exampleJourneys.find((journey) => journey.id === 'onboarding')!.graph;
    const scrambled = moveNodes(onboarding, new Map(onboarding.nodes.map((node) => [node.id, { x: 0, y: 0 }])));
    const laid = autoLayout(scrambled);
    const at = (id: string) => laid.nodes.find((node) => node.id === id)!.position;
    for (const edge of laid.edges) expect(at(edge.target).x).toBeGreaterThan(at(edge.source).x);
    // "yes" is the condition's first output, so its branch is drawn above the "no" branch.
    expect(at('finished').y).toBeLessThan(at('progress').y);
    // No two nodes overlap.
    const boxes = laid.nodes.map((node) => node.position);
    for (const [i, a] of boxes.entries()) for (const b of boxes.slice(i + 1)) expect(Math.abs(a.x - b.x) >= 220 || Math.abs(a.y - b.y) >= 96).toBe(true);
  });

  it('finds edges left on outputs a settings change removed', () => {
    let graph = addNode(empty, 'split', { x: 0, y: 0 }).graph;
    graph = addNodeAfter(graph, 'exit', 'split-1').graph;
    expect(graph.edges[0]!.sourceHandle).toBe('a');
    graph = updateNode(graph, 'split-1', (node) => (node.type === 'split' ? { ...node, settings: { variants: [{ id: 'b', label: 'B', weight: 50 }, { id: 'c', label: 'C', weight: 50 }] } } : node));
    expect(edgesFromMissingOutputs(graph)).toEqual([graph.edges[0]!.id]);
    expect(nodeOutputs(graph.nodes[0]!).map((output) => output.id)).toEqual(['b', 'c']);
  });
});
