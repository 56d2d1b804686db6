import { journeyNodeType, type JourneyNode } from '../../../domain/journeys/graph';
import { type JourneyProblem } from '../../../domain/journeys/problems';
import { SchemaForm, type FieldOptions } from '../forms/SchemaForm';
import { NodeIcon } from './icons';

export type { FieldOptions };

interface SettingsPanelProps {
  node: JourneyNode;
  problems: readonly JourneyProblem[];
  fieldOptions: FieldOptions;
  readOnly: boolean;
  onSettingsChange: (settings: unknown) => void;
  onLabelChange: (label: string) => void;
  onDelete: () => void;
}

/**
 * The selected node's settings, as a form generated from its type's settings schema — the schema the
 * server validates with — with errors inline, and the problems the last validation found on it.
 */
export function SettingsPanel({ node, problems, fieldOptions, readOnly, onSettingsChange, onLabelChange, onDelete }: SettingsPanelProps) {
  const { palette, settingsSchema } = journeyNodeType(node.type);
  return (
    <section className="journey-settings" aria-label="Node settings">
      <header className="journey-settings-header" style={{ color: palette.colour }}>
        <NodeIcon name={palette.icon} size={20} />
        <h2 className="journey-panel-heading">{palette.label}</h2>
        <code className="journey-node-id" title="step id">
          {node.id}
        </code>
      </header>
      <p className="journey-hint">{palette.description}</p>
      {problems.length > 0 && (
        <ul className="journey-node-problems" aria-label="Problems of this step">
          {problems.map((problem, index) => (
            <li key={`${problem.code}-${index}`} className="problem">
              {problem.message}
            </li>
          ))}
        </ul>
      )}
      <label className="journey-field">
        <span>Label</span>
        <input type="text" value={node.label ?? ''} maxLength={120} placeholder={palette.label} readOnly={readOnly} onChange={(event) => onLabelChange(event.target.value)} />
      </label>
      {/* The form checks the settings against the schema itself and shows its errors inline. */}
      <SchemaForm schema={settingsSchema} value={node.settings} onChange={(settings) => onSettingsChange(settings)} fieldOptions={fieldOptions} readOnly={readOnly} label={`${palette.label} settings`} />
      {!readOnly && (
        <button type="button" className="danger" onClick={onDelete}>
          Delete step
        </button>
      )}
    </section>
  );
}
