import { journeyNodeTypes, type JourneyNodeType } from '../../../domain/journeys/graph';
import { NodeIcon } from './icons';

/** The drag payload's type: only palette items carry it, so other drops (files, text) are ignored. */
export const paletteDragType = 'application/x-journey-node-type';

/**
 * Every node type the domain defines, in its palette order. Drag one onto the canvas (or onto a
 * connection to insert it there), or press Enter / click to add it after the selected node.
 */
export function Palette({ onAdd, disabled = false }: { onAdd: (type: JourneyNodeType) => void; disabled?: boolean }) {
  return (
    <nav className="journey-palette" aria-label="Node types">
      <h2 className="journey-panel-heading">Steps</h2>
      <p className="journey-hint" id="palette-hint">
        Drag onto the canvas or a connection, or press Enter to add after the selected step.
      </p>
      <ul aria-label="Node palette">
        {journeyNodeTypes.map(({ type, palette }) => (
          <li key={type} aria-label={palette.label}>
            <button
              type="button"
              className="journey-palette-item"
              aria-label={palette.label}
              aria-describedby={`palette-description-${type}`}
              draggable={!disabled}
              disabled={disabled}
              style={{ borderLeftColor: palette.colour }}
              onDragStart={(event) => {
                event.dataTransfer.setData(paletteDragType, type);
                event.dataTransfer.setData('text/plain', type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(type)}
            >
              <span className="journey-palette-icon" style={{ color: palette.colour }}>
                <NodeIcon name={palette.icon} />
              </span>
              <span className="journey-palette-text">
                <span className="journey-palette-label">{palette.label}</span>
                <span className="journey-palette-description" id={`palette-description-${type}`}>
                  {palette.description}
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
