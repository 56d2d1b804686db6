import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { journeyNodeType, nodeOutputs, type JourneyNode } from '../../../domain/journeys/graph';
import { NodeIcon } from './icons';
import { percent, type NodeCounts } from './live';
import { nodeSummary, nodeTitle } from './nodeSummary';
import { problemsLabel } from './problemMapping';

export type JourneyFlowNode = Node<
  {
    journeyNode: JourneyNode;
    problemCount: number;
    /** Live view: the node's counts (absent when nobody reached it yet). */
    counts?: NodeCounts;
    live: boolean;
  },
  'journey'
>;

/** A journey step on the canvas: its type's icon and colour, what it does, and one labelled handle per output. */
function JourneyNodeViewImpl({ data, selected }: NodeProps<JourneyFlowNode>) {
  const { journeyNode: node, problemCount, counts, live } = data;
  const { palette } = journeyNodeType(node.type);
  const outputs = nodeOutputs(node);
  return (
    <div className={`journey-node${selected ? ' selected' : ''}${problemCount > 0 ? ' has-problems' : ''}`} style={{ '--node-colour': palette.colour } as CSSProperties}>
      {node.type !== 'entry' && <Handle type="target" position={Position.Left} className="journey-handle target" aria-label={`Into ${nodeTitle(node)}`} />}
      <div className="journey-node-header">
        <span className="journey-node-icon">
          <NodeIcon name={palette.icon} />
        </span>
        <span className="journey-node-titles">
          <span className="journey-node-title">{nodeTitle(node)}</span>
          <span className="journey-node-type">{palette.label}</span>
        </span>
        {problemCount > 0 && (
          <span className="problem-badge" role="status" aria-label={problemsLabel(problemCount)} title={problemsLabel(problemCount)}>
            {problemCount}
          </span>
        )}
      </div>
      <div className="journey-node-summary">{nodeSummary(node)}</div>
      {live && (
        <div className="journey-node-counts" aria-label={`Counts of ${nodeTitle(node)}`}>
          <span title="learners waiting here now">
            <strong>{counts?.waitingNow ?? 0}</strong> waiting
          </span>
          <span title="learners who reached this step">
            <strong>{counts?.entered ?? 0}</strong> passed
          </span>
          {node.type === 'sendMessage' && (
            <span className="journey-node-messages">
              <strong>{counts?.messages?.sent ?? 0}</strong> sent · open {percent(counts?.messages?.opened ?? 0, counts?.messages?.sent ?? 0)} · click {percent(counts?.messages?.clicked ?? 0, counts?.messages?.sent ?? 0)}
            </span>
          )}
        </div>
      )}
      {outputs.length > 0 && (
        <ul className="journey-node-outputs" aria-label="Outputs">
          {outputs.map((output) => (
            <li key={output.id} className="journey-node-output">
              <span className="journey-output-label">
                {output.label}
                {live && <span className="journey-output-count"> {counts?.left[output.id] ?? 0}</span>}
              </span>
              <Handle type="source" position={Position.Right} id={output.id} className="journey-handle source" aria-label={`Output ${output.label}`} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export const JourneyNodeView = memo(JourneyNodeViewImpl);
export const nodeTypes = { journey: JourneyNodeView };
