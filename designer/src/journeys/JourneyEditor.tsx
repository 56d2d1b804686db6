import {
  Background,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type NodeChange,
} from '@xyflow/react';
import { useCallback, useEffect, useEffectEvent, useMemo, useReducer, useRef, useState, type DragEvent, type ReactNode } from 'react';
import { journeyNodeType, journeyNodeTypes, nodeOutputs, type JourneyGraph, type JourneyNode, type JourneyNodeType } from '../../../domain/journeys/graph';
import { type JourneyProblem } from '../../../domain/journeys/problems';
import {
  addNode,
  addNodeAfter,
  autoLayout,
  canConnect,
  connect,
  copySelection,
  defaultNodeSize,
  insertOnEdge,
  moveNodes,
  paste,
  removeElements,
  updateNode,
  type Clipboard,
  type Position,
  type Size,
} from './graphEditing';
import { canRedo, canUndo, record, redo, seal, startHistory, undo, type History } from './history';
import { nodeTypes, type JourneyFlowNode } from './JourneyNodeView';
import { type NodeCounts } from './live';
import { nodeTitle } from './nodeSummary';
import { Palette, paletteDragType } from './Palette';
import { indexProblems, problemCount } from './problemMapping';
import { SettingsPanel, type FieldOptions } from './SettingsPanel';

type Action =
  | { type: 'set'; graph: JourneyGraph; group?: string }
  /** A change computed from the newest graph: drags send many before React renders again. */
  | { type: 'change'; change: (graph: JourneyGraph) => JourneyGraph; group?: string }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'seal' };

export function historyReducer(history: History<JourneyGraph>, action: Action): History<JourneyGraph> {
  switch (action.type) {
    case 'set':
      return record(history, action.graph, action.group ?? null);
    case 'change':
      return record(history, action.change(history.present), action.group ?? null);
    case 'undo':
      return undo(history);
    case 'redo':
      return redo(history);
    case 'seal':
      return seal(history);
  }
}

export type EditorMode = 'edit' | 'readOnly' | 'live';

export interface JourneyEditorProps {
  initialGraph: JourneyGraph;
  mode: EditorMode;
  problems?: readonly JourneyProblem[];
  warnings?: readonly JourneyProblem[];
  /** Live view: counts per node id. */
  counts?: ReadonlyMap<string, NodeCounts>;
  fieldOptions?: FieldOptions;
  /** Called with every new graph the marketer draws (not with the initial one). */
  onGraphChange?: (graph: JourneyGraph) => void;
  /** Live view: what to show beside the canvas for the clicked node. */
  renderNodeDetails?: (node: JourneyNode) => ReactNode;
  /** Buttons of the screen (validate, publish…) shown in the editor's toolbar. */
  toolbar?: ReactNode;
}

const shortcuts: [string, string][] = [
  ['Enter (on a palette item)', 'Add the step after the selected one'],
  ['Delete / Backspace', 'Delete the selected steps and connections'],
  ['Ctrl/⌘ + Z', 'Undo'],
  ['Ctrl/⌘ + Shift + Z, Ctrl/⌘ + Y', 'Redo'],
  ['Ctrl/⌘ + C, Ctrl/⌘ + V', 'Copy and paste the selected steps'],
  ['Ctrl/⌘ + A', 'Select every step'],
  ['Shift + drag', 'Select several steps'],
  ['?', 'Show or hide these shortcuts'],
];

/** Keys typed into a field belong to the field (its own undo, its own Backspace). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** The connection under a point of the screen, if any (React Flow marks edges with data-id). */
function edgeAtPoint(x: number, y: number): string | null {
  if (typeof document.elementsFromPoint !== 'function') return null;
  for (const element of document.elementsFromPoint(x, y)) {
    const edge = element.closest('.react-flow__edge[data-id]');
    if (edge) return edge.getAttribute('data-id');
  }
  return null;
}

const isNodeType = (value: string): value is JourneyNodeType => journeyNodeTypes.some((nodeType) => nodeType.type === value);

/** The journey canvas with its palette, toolbar, settings panel and problem list. */
export function JourneyEditor(props: JourneyEditorProps) {
  return (
    <ReactFlowProvider>
      <EditorInner {...props} />
    </ReactFlowProvider>
  );
}

function EditorInner({ initialGraph, mode, problems = [], warnings = [], counts, fieldOptions = {}, onGraphChange, renderNodeDetails, toolbar }: JourneyEditorProps) {
  const editable = mode === 'edit';
  const [history, dispatch] = useReducer(historyReducer, initialGraph, startHistory);
  const graph = history.present;
  const [selectedNodes, setSelectedNodes] = useState<ReadonlySet<string>>(new Set());
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const [measured, setMeasured] = useState<ReadonlyMap<string, Size>>(new Map());
  const [dropEdge, setDropEdge] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const clipboard = useRef<{ content: Clipboard; pastes: number } | null>(null);
  const lastNotified = useRef(initialGraph);
  const { screenToFlowPosition, fitView } = useReactFlow();

  useEffect(() => {
    if (graph === lastNotified.current) return;
    lastNotified.current = graph;
    onGraphChange?.(graph);
  }, [graph, onGraphChange]);

  const index = useMemo(() => indexProblems([...problems, ...warnings], graph), [problems, warnings, graph]);
  const errorIndex = useMemo(() => indexProblems(problems, graph), [problems, graph]);
  const nodesById = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph]);
  // Selections may name nodes an undo removed.
  const selection = useMemo(() => [...selectedNodes].filter((id) => nodesById.has(id)), [selectedNodes, nodesById]);
  const selectedNode = selection.length === 1 ? nodesById.get(selection[0]!) : undefined;

  const flowNodes = useMemo<JourneyFlowNode[]>(
    () =>
      graph.nodes.map((node) => ({
        id: node.id,
        type: 'journey',
        position: node.position,
        data: { journeyNode: node, problemCount: problemCount(errorIndex, node), ...(counts?.get(node.id) ? { counts: counts.get(node.id)! } : {}), live: mode === 'live' },
        selected: selectedNodes.has(node.id),
        deletable: false,
        ariaLabel: nodeTitle(node),
        ...(measured.get(node.id) ? { measured: measured.get(node.id)! } : {}),
      })),
    [graph, errorIndex, counts, mode, selectedNodes, measured],
  );

  const flowEdges = useMemo<FlowEdge[]>(
    () =>
      graph.edges.map((edge) => {
        const source = nodesById.get(edge.source);
        const target = nodesById.get(edge.target);
        const output = source ? nodeOutputs(source).find((candidate) => candidate.id === edge.sourceHandle) : undefined;
        const flagged = errorIndex.byEdge.has(edge.id);
        return {
          id: edge.id,
          source: edge.source,
          sourceHandle: edge.sourceHandle,
          target: edge.target,
          selected: selectedEdges.has(edge.id),
          deletable: false,
          markerEnd: { type: MarkerType.ArrowClosed },
          className: [flagged ? 'has-problem' : '', dropEdge === edge.id ? 'drop-target' : ''].filter(Boolean).join(' '),
          ariaLabel: `${source ? nodeTitle(source) : edge.source} (${output?.label ?? edge.sourceHandle}) to ${target ? nodeTitle(target) : edge.target}`,
        };
      }),
    [graph, nodesById, errorIndex, selectedEdges, dropEdge],
  );

  const select = useCallback((ids: Iterable<string>) => {
    setSelectedNodes(new Set(ids));
    setSelectedEdges(new Set());
  }, []);

  const onNodesChange = useCallback(
    (changes: NodeChange<JourneyFlowNode>[]) => {
      const positions = new Map<string, Position>();
      const sizes: [string, Size][] = [];
      let selectionChanges: { id: string; selected: boolean }[] = [];
      for (const change of changes) {
        if (change.type === 'position' && change.position) positions.set(change.id, { x: Math.round(change.position.x), y: Math.round(change.position.y) });
        if (change.type === 'dimensions' && change.dimensions) sizes.push([change.id, change.dimensions]);
        if (change.type === 'select') selectionChanges = [...selectionChanges, { id: change.id, selected: change.selected }];
      }
      // Every step of one drag is one undo step: the group ends when the drag stops.
      if (positions.size > 0 && editable) dispatch({ type: 'change', change: (current) => moveNodes(current, positions), group: 'move' });
      if (sizes.length > 0) {
        setMeasured((current) => {
          const changed = sizes.filter(([id, size]) => current.get(id)?.width !== size.width || current.get(id)?.height !== size.height);
          return changed.length === 0 ? current : new Map([...current, ...changed]);
        });
      }
      if (selectionChanges.length > 0) {
        setSelectedNodes((current) => {
          const next = new Set(current);
          for (const { id, selected } of selectionChanges) {
            if (selected) next.add(id);
            else next.delete(id);
          }
          return next;
        });
      }
    },
    [editable],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const selectionChanges = changes.filter((change) => change.type === 'select');
    if (selectionChanges.length === 0) return;
    setSelectedEdges((current) => {
      const next = new Set(current);
      for (const change of selectionChanges) {
        if (change.selected) next.add(change.id);
        else next.delete(change.id);
      }
      return next;
    });
  }, []);

  const onConnect = useCallback((connection: Connection) => {
    if (connection.sourceHandle) dispatch({ type: 'change', change: (current) => connect(current, { source: connection.source, sourceHandle: connection.sourceHandle!, target: connection.target }) });
  }, []);

  const isValidConnection = useCallback((connection: Connection | FlowEdge) => canConnect(graph, connection), [graph]);

  const addFromPalette = (type: JourneyNodeType) => {
    if (!editable) return;
    const added = addNodeAfter(graph, type, selectedNode?.id ?? null);
    dispatch({ type: 'set', graph: added.graph });
    select([added.nodeId]);
  };

  const onDragOver = (event: DragEvent) => {
    if (!editable || !event.dataTransfer.types.includes(paletteDragType)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const edge = edgeAtPoint(event.clientX, event.clientY);
    if (edge !== dropEdge) setDropEdge(edge);
  };

  const onDrop = (event: DragEvent) => {
    setDropEdge(null);
    const type = event.dataTransfer.getData(paletteDragType);
    if (!editable || !isNodeType(type)) return;
    event.preventDefault();
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // The pointer holds the node by its middle.
    const position = { x: point.x - defaultNodeSize.width / 2, y: point.y - defaultNodeSize.height / 2 };
    const edge = edgeAtPoint(event.clientX, event.clientY);
    const added = edge && graph.edges.some((candidate) => candidate.id === edge) ? insertOnEdge(graph, edge, type, position) : addNode(graph, type, position);
    dispatch({ type: 'set', graph: added.graph });
    select([added.nodeId]);
  };

  const deleteSelection = () => {
    if (!editable || (selection.length === 0 && selectedEdges.size === 0)) return;
    dispatch({ type: 'set', graph: removeElements(graph, { nodeIds: selection, edgeIds: selectedEdges }) });
    select([]);
  };

  const copy = () => {
    if (selection.length > 0) clipboard.current = { content: copySelection(graph, selection), pastes: 0 };
  };

  const pasteClipboard = () => {
    if (!editable || !clipboard.current) return;
    clipboard.current.pastes += 1;
    const shift = 40 * clipboard.current.pastes;
    const pasted = paste(graph, clipboard.current.content, { x: shift, y: shift });
    dispatch({ type: 'set', graph: pasted.graph });
    select(pasted.nodeIds);
  };

  const layout = () => {
    dispatch({ type: 'set', graph: autoLayout(graph, measured) });
    // After React Flow has the new positions.
    requestAnimationFrame(() => void fitView({ padding: 0.2, duration: 200 }));
  };

  const showNode = (nodeId: string | null) => {
    if (!nodeId || !nodesById.has(nodeId)) return;
    select([nodeId]);
    void fitView({ nodes: [{ id: nodeId }], maxZoom: 1.2, duration: 300 });
  };

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (isTyping(event.target) || event.defaultPrevented) return;
    const mod = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    const handled = () => event.preventDefault();
    if (mod && key === 'z') {
      handled();
      if (editable) dispatch({ type: event.shiftKey ? 'redo' : 'undo' });
    } else if (mod && key === 'y') {
      handled();
      if (editable) dispatch({ type: 'redo' });
    } else if (mod && key === 'c') {
      // Text the marketer selected on the page is theirs to copy.
      if (window.getSelection()?.toString()) return;
      copy();
    } else if (mod && key === 'v') {
      handled();
      pasteClipboard();
    } else if (mod && key === 'a') {
      handled();
      select(graph.nodes.map((node) => node.id));
    } else if (!mod && (key === 'delete' || key === 'backspace')) {
      if (selection.length === 0 && selectedEdges.size === 0) return;
      handled();
      deleteSelection();
    } else if (event.key === '?') {
      setHelpOpen((open) => !open);
    } else if (key === 'escape' && helpOpen) {
      setHelpOpen(false);
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  const journeyProblems = index.journey;
  const listed = [...problems, ...warnings];

  return (
    <div className={`journey-editor mode-${mode}`}>
      <div className="journey-toolbar" role="toolbar" aria-label="Journey tools">
        {toolbar}
        {editable && (
          <>
            <button type="button" onClick={() => dispatch({ type: 'undo' })} disabled={!canUndo(history)} title="Undo (Ctrl/⌘+Z)">
              Undo
            </button>
            <button type="button" onClick={() => dispatch({ type: 'redo' })} disabled={!canRedo(history)} title="Redo (Ctrl/⌘+Shift+Z)">
              Redo
            </button>
            <button type="button" onClick={layout} disabled={graph.nodes.length === 0}>
              Auto-layout
            </button>
          </>
        )}
        <button type="button" onClick={() => void fitView({ padding: 0.2, duration: 200 })}>
          Zoom to fit
        </button>
        <span className="journey-help">
          <button type="button" aria-expanded={helpOpen} aria-controls="journey-shortcuts" onClick={() => setHelpOpen((open) => !open)}>
            Keyboard shortcuts
          </button>
          {helpOpen && (
            <div id="journey-shortcuts" className="journey-popover" role="dialog" aria-label="Keyboard shortcuts">
              <table>
                <tbody>
                  {shortcuts.map(([keys, action]) => (
                    <tr key={keys}>
                      <th scope="row">
                        <kbd>{keys}</kbd>
                      </th>
                      <td>{action}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" onClick={() => setHelpOpen(false)}>
                Close
              </button>
            </div>
          )}
        </span>
      </div>
      <div className="journey-workspace">
        {editable && <Palette onAdd={addFromPalette} />}
        <div className="journey-canvas" onDragOver={onDragOver} onDragLeave={() => setDropEdge(null)} onDrop={onDrop}>
          <ReactFlow<JourneyFlowNode>
            aria-label="Journey canvas"
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={nodeTypes}
            onNodesChange={onNodesChange}
            onEdgesChange={onEdgesChange}
            onConnect={onConnect}
            isValidConnection={isValidConnection}
            onNodeDragStop={() => dispatch({ type: 'seal' })}
            nodesDraggable={editable}
            nodesConnectable={editable}
            elementsSelectable
            deleteKeyCode={null}
            snapToGrid
            snapGrid={[10, 10]}
            fitView
            fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
            minZoom={0.1}
            proOptions={{ hideAttribution: true }}
          >
            <Background gap={20} />
            <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor={(node) => journeyNodeType((node.data as JourneyFlowNode['data']).journeyNode.type).palette.colour} />
            <Controls showInteractive={false} showFitView={false} />
          </ReactFlow>
          {graph.nodes.length === 0 && editable && <p className="journey-empty">Drag an Entry step here to start the journey.</p>}
        </div>
        <aside className="journey-side">
          {listed.length > 0 && (
            <section className="journey-problems" aria-label="Problems">
              <h2 className="journey-panel-heading">
                {problems.length} {problems.length === 1 ? 'problem' : 'problems'}
                {warnings.length > 0 && `, ${warnings.length} ${warnings.length === 1 ? 'warning' : 'warnings'}`}
              </h2>
              <ul>
                {listed.map((problem, position) => (
                  <li key={`${problem.code}-${problem.nodeId}-${position}`} className={position < problems.length ? 'problem' : 'warning'}>
                    {problem.nodeId && nodesById.has(problem.nodeId) ? (
                      <button type="button" className="link" onClick={() => showNode(problem.nodeId)}>
                        {problem.message}
                      </button>
                    ) : (
                      problem.message
                    )}
                  </li>
                ))}
              </ul>
              {journeyProblems.length > 0 && <p className="journey-hint">Problems without a step concern the whole journey.</p>}
            </section>
          )}
          {selectedNode && mode === 'live' && renderNodeDetails?.(selectedNode)}
          {selectedNode && mode !== 'live' && (
            <SettingsPanel
              key={selectedNode.id}
              node={selectedNode}
              problems={index.byNode.get(selectedNode.id) ?? []}
              fieldOptions={fieldOptions}
              readOnly={!editable}
              onSettingsChange={(settings) =>
                dispatch({ type: 'change', change: (current) => updateNode(current, selectedNode.id, (node) => ({ ...node, settings }) as JourneyNode), group: `settings:${selectedNode.id}` })
              }
              onLabelChange={(label) =>
                dispatch({
                  type: 'change',
                  change: (current) =>
                    updateNode(current, selectedNode.id, (node) => {
                      const { label: _old, ...rest } = node;
                      return (label ? { ...rest, label } : rest) as JourneyNode;
                    }),
                  group: `label:${selectedNode.id}`,
                })
              }
              onDelete={() => {
                dispatch({ type: 'set', graph: removeElements(graph, { nodeIds: [selectedNode.id] }) });
                select([]);
              }}
            />
          )}
          {!selectedNode && listed.length === 0 && <p className="journey-hint">{mode === 'live' ? 'Click a step to see the learners there.' : 'Select a step to see its settings.'}</p>}
        </aside>
      </div>
    </div>
  );
}
