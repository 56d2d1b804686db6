import { graphlib, layout as dagreLayout } from '@dagrejs/dagre';
import { nodeOutputs, type Edge, type JourneyGraph, type JourneyNode, type JourneyNodeOf, type JourneyNodeType } from '../../../domain/journeys/graph';

/**
 * Every change the journey editor makes to a drawn graph, as pure functions of the graph: the canvas
 * only translates gestures into these calls, so the editing rules are tested without a DOM.
 */

export interface Position {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** The size a node is assumed to have before the canvas has measured it. */
export const defaultNodeSize: Size = { width: 220, height: 96 };
/** Horizontal distance between a node and the one added after it. */
export const columnGap = 280;

type SettingsByType = { [Type in JourneyNodeType]: JourneyNodeOf<Type>['settings'] };

/**
 * Settings a freshly drawn node starts with. They must satisfy the node type's schema, because a
 * draft that does not parse cannot be saved: a new node would otherwise stop autosave until it is
 * configured. What is still unchosen (the message template) publishing refuses by itself.
 */
export function defaultSettings<Type extends JourneyNodeType>(type: Type): SettingsByType[Type] {
  const defaults: SettingsByType = {
    entry: { trigger: { kind: 'manual' }, reentry: { mode: 'once' } },
    delay: { mode: 'duration', duration: { amount: 1, unit: 'days' } },
    waitForEvent: { event: 'Email Clicked', timeout: { amount: 3, unit: 'days' } },
    inactivity: { inactiveFor: { amount: 7, unit: 'days' } },
    condition: { mode: 'yesNo', condition: { type: 'trait', trait: 'email', operator: 'exists' } },
    split: {
      variants: [
        { id: 'a', label: 'Variant A', weight: 50 },
        { id: 'b', label: 'Variant B', weight: 50 },
      ],
    },
    sendMessage: { templateId: '', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' },
    // The schema asks for at least one change; a tag is the least surprising one and is shown in the panel at once.
    updateProfile: { set: {}, unset: [], addTags: ['journey-touched'], removeTags: [] },
    exit: {},
  };
  // A copy, so that editing one node's settings never changes another's.
  return cloneJson(defaults[type]);
}

/** Graphs are plain JSON (they travel as JSON), so a JSON round trip is a full copy in every environment. */
const cloneJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const kebab = (text: string) => text.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** The first `<prefix>-<n>` not in use; node ids are shown in run lists, so they stay readable. */
export function freshId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n += 1) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function createNode(type: JourneyNodeType, position: Position, takenIds: ReadonlySet<string>): JourneyNode {
  return { id: freshId(kebab(type), takenIds), type, position: { x: Math.round(position.x), y: Math.round(position.y) }, settings: defaultSettings(type) } as JourneyNode;
}

function edgeId(source: string, sourceHandle: string, target: string, taken: ReadonlySet<string>): string {
  const base = `${source}-${sourceHandle}-${target}`.slice(0, 190);
  return taken.has(base) ? freshId(base, taken) : base;
}

const nodeIds = (graph: JourneyGraph) => new Set(graph.nodes.map((node) => node.id));
const edgeIds = (graph: JourneyGraph) => new Set(graph.edges.map((edge) => edge.id));

/** Whether an edge may join these: the output must exist and nothing may lead into the entry. */
export function canConnect(graph: JourneyGraph, connection: { source: string; sourceHandle?: string | null; target: string }): boolean {
  const source = graph.nodes.find((node) => node.id === connection.source);
  const target = graph.nodes.find((node) => node.id === connection.target);
  if (!source || !target || target.type === 'entry') return false;
  return nodeOutputs(source).some((output) => output.id === connection.sourceHandle);
}

/**
 * Joins an output to a node. An output leads to exactly one place, so a new connection from an output
 * replaces the one it had (what a marketer dragging a new line from it means).
 */
export function connect(graph: JourneyGraph, connection: { source: string; sourceHandle: string; target: string }): JourneyGraph {
  if (!canConnect(graph, connection)) return graph;
  const kept = graph.edges.filter((edge) => !(edge.source === connection.source && edge.sourceHandle === connection.sourceHandle));
  const id = edgeId(connection.source, connection.sourceHandle, connection.target, new Set(kept.map((edge) => edge.id)));
  return { ...graph, edges: [...kept, { id, source: connection.source, sourceHandle: connection.sourceHandle, target: connection.target }] };
}

/** Removes the nodes and edges named, and every edge that touched a removed node. */
export function removeElements(graph: JourneyGraph, remove: { nodeIds?: Iterable<string>; edgeIds?: Iterable<string> }): JourneyGraph {
  const nodes = new Set(remove.nodeIds ?? []);
  const edges = new Set(remove.edgeIds ?? []);
  if (nodes.size === 0 && edges.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((node) => !nodes.has(node.id)),
    edges: graph.edges.filter((edge) => !edges.has(edge.id) && !nodes.has(edge.source) && !nodes.has(edge.target)),
  };
}

export interface Added {
  graph: JourneyGraph;
  nodeId: string;
}

export function addNode(graph: JourneyGraph, type: JourneyNodeType, position: Position): Added {
  const node = createNode(type, position, nodeIds(graph));
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, nodeId: node.id };
}

/** Moves a position down until no node sits there, so that added nodes never hide each other. */
function freeSpot(graph: JourneyGraph, position: Position): Position {
  let spot = position;
  const occupied = (candidate: Position) => graph.nodes.some((node) => Math.abs(node.position.x - candidate.x) < defaultNodeSize.width / 2 && Math.abs(node.position.y - candidate.y) < defaultNodeSize.height);
  while (occupied(spot)) spot = { x: spot.x, y: spot.y + defaultNodeSize.height + 40 };
  return spot;
}

/**
 * Adds a node next to another (the keyboard's way to build a journey): one column to its right, and
 * joined from its first output that leads nowhere yet. With nothing selected the node goes right of
 * the rightmost one.
 */
export function addNodeAfter(graph: JourneyGraph, type: JourneyNodeType, afterId: string | null): Added {
  const after = graph.nodes.find((node) => node.id === afterId);
  const rightmost = graph.nodes.reduce<JourneyNode | undefined>((best, node) => (!best || node.position.x > best.position.x ? node : best), undefined);
  const anchor = after ?? rightmost;
  const position = freeSpot(graph, anchor ? { x: anchor.position.x + columnGap, y: anchor.position.y } : { x: 0, y: 0 });
  const added = addNode(graph, type, position);
  if (!after) return added;
  const free = nodeOutputs(after).find((output) => !graph.edges.some((edge) => edge.source === after.id && edge.sourceHandle === output.id));
  return free ? { graph: connect(added.graph, { source: after.id, sourceHandle: free.id, target: added.nodeId }), nodeId: added.nodeId } : added;
}

/**
 * Drops a new node onto an edge: the edge's output now leads to the new node, and the new node's
 * first output leads on to where the edge went (a node without outputs, an exit, ends the path there).
 */
export function insertOnEdge(graph: JourneyGraph, edgeIdToSplit: string, type: JourneyNodeType, position?: Position): Added {
  const edge = graph.edges.find((candidate) => candidate.id === edgeIdToSplit);
  if (!edge) throw new Error(`No edge ${edgeIdToSplit}`);
  const source = graph.nodes.find((node) => node.id === edge.source);
  const target = graph.nodes.find((node) => node.id === edge.target);
  const middle = position ?? (source && target ? { x: (source.position.x + target.position.x) / 2, y: (source.position.y + target.position.y) / 2 } : { x: 0, y: 0 });
  const added = addNode(removeElements(graph, { edgeIds: [edge.id] }), type, middle);
  let next = connect(added.graph, { source: edge.source, sourceHandle: edge.sourceHandle, target: added.nodeId });
  const node = next.nodes.find((candidate) => candidate.id === added.nodeId)!;
  const firstOutput = nodeOutputs(node)[0];
  if (firstOutput) next = connect(next, { source: added.nodeId, sourceHandle: firstOutput.id, target: edge.target });
  return { graph: next, nodeId: added.nodeId };
}

export function updateNode(graph: JourneyGraph, nodeId: string, change: (node: JourneyNode) => JourneyNode): JourneyGraph {
  return { ...graph, nodes: graph.nodes.map((node) => (node.id === nodeId ? change(node) : node)) };
}

export function moveNodes(graph: JourneyGraph, positions: ReadonlyMap<string, Position>): JourneyGraph {
  if (positions.size === 0) return graph;
  return { ...graph, nodes: graph.nodes.map((node) => (positions.has(node.id) ? { ...node, position: positions.get(node.id)! } : node)) };
}

/** Nodes copied, with the edges between them (edges leaving the selection would lead nowhere). */
export interface Clipboard {
  nodes: JourneyNode[];
  edges: Edge[];
}

export function copySelection(graph: JourneyGraph, selected: Iterable<string>): Clipboard {
  const ids = new Set(selected);
  return {
    nodes: cloneJson(graph.nodes.filter((node) => ids.has(node.id))),
    edges: cloneJson(graph.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target))),
  };
}

/** Pastes a copy with fresh node and edge ids, offset so it does not cover the original. */
export function paste(graph: JourneyGraph, clipboard: Clipboard, offset: Position = { x: 40, y: 40 }): { graph: JourneyGraph; nodeIds: string[] } {
  const takenNodes = nodeIds(graph);
  const renamed = new Map<string, string>();
  const nodes = clipboard.nodes.map((node) => {
    // Copies keep their type's prefix (`send-message-3`), not the original's id with suffixes.
    const id = freshId(node.id.replace(/-\d+$/, ''), takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    return { ...cloneJson(node), id, position: { x: node.position.x + offset.x, y: node.position.y + offset.y } };
  });
  const takenEdges = edgeIds(graph);
  const edges = clipboard.edges
    .filter((edge) => renamed.has(edge.source) && renamed.has(edge.target))
    .map((edge) => {
      const source = renamed.get(edge.source)!;
      const target = renamed.get(edge.target)!;
      const id = edgeId(source, edge.sourceHandle, target, takenEdges);
      takenEdges.add(id);
      return { id, source, sourceHandle: edge.sourceHandle, target };
    });
  return { graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] }, nodeIds: nodes.map((node) => node.id) };
}

/**
 * Lays the journey out left to right with dagre: one rank per step, branches stacked. Edges are ordered
 * by their output's position on the node, so the "yes" branch stays above the "no" branch.
 */
export function autoLayout(graph: JourneyGraph, sizes: ReadonlyMap<string, Size> = new Map()): JourneyGraph {
  const layout = new graphlib.Graph({ multigraph: true });
  layout.setGraph({ rankdir: 'LR', nodesep: 50, ranksep: 90, marginx: 0, marginy: 0 });
  layout.setDefaultEdgeLabel(() => ({}));
  const size = (id: string) => sizes.get(id) ?? defaultNodeSize;
  for (const node of graph.nodes) layout.setNode(node.id, { ...size(node.id) });
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const order = (edge: Edge) => {
    const source = byId.get(edge.source);
    return source ? nodeOutputs(source).findIndex((output) => output.id === edge.sourceHandle) : 0;
  };
  const drawn = [...graph.edges].filter((edge) => byId.has(edge.source) && byId.has(edge.target)).sort((a, b) => order(a) - order(b));
  for (const edge of drawn) layout.setEdge(edge.source, edge.target, {}, edge.id);
  // dagre's crossing minimisation would otherwise order a node's branches as it likes; these keep
  // each node's outputs top to bottom in the order its handles are drawn.
  const constraints: { left: string; right: string }[] = [];
  for (const node of graph.nodes) {
    const targets = [...new Set(drawn.filter((edge) => edge.source === node.id && edge.target !== node.id).map((edge) => edge.target))];
    for (let i = 1; i < targets.length; i++) constraints.push({ left: targets[i - 1]!, right: targets[i]! });
  }
  dagreLayout(layout, { constraints });
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      const placed = layout.node(node.id);
      // dagre gives centres; the canvas positions nodes by their top-left corner.
      return placed ? { ...node, position: { x: Math.round(placed.x - size(node.id).width / 2), y: Math.round(placed.y - size(node.id).height / 2) } } : node;
    }),
  };
}

/** Edges whose output no longer exists (a variant or branch was removed in the settings). */
export function edgesFromMissingOutputs(graph: JourneyGraph): string[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.edges
    .filter((edge) => {
      const source = byId.get(edge.source);
      return source !== undefined && !nodeOutputs(source).some((output) => output.id === edge.sourceHandle);
    })
    .map((edge) => edge.id);
}
