import { segmentConditionSchema, type SegmentCondition } from '../../../../domain/segments/conditions/segment';
import type { Path } from '../problems';
import { SelectField } from './fields';
import { useNames } from './names';

const operators = segmentConditionSchema.shape.operator.options.map((operator) => ({ value: operator, label: operator === 'in' ? 'is in' : 'is not in' }));

/** Membership of another segment, as the engine last computed it. */
export function SegmentConditionEditor({ condition, path, onChange, excludeId }: { condition: SegmentCondition; path: Path; onChange: (condition: SegmentCondition) => void; excludeId?: string }) {
  const { segments } = useNames();
  // A segment cannot be built on itself; an id no longer listed stays selectable so that it is not silently changed.
  const choices = segments.filter((segment) => segment.id !== excludeId);
  const options = [
    { value: '', label: 'Choose a segment' },
    ...choices.map((segment) => ({ value: segment.id, label: segment.name })),
    ...(condition.segmentId && !choices.some((segment) => segment.id === condition.segmentId) ? [{ value: condition.segmentId, label: condition.segmentId }] : []),
  ];
  return (
    <div className="condition-fields">
      <SelectField label="Learner" path={[...path, 'operator']} value={condition.operator} options={operators} onChange={(operator) => onChange({ ...condition, operator })} />
      <SelectField label="Segment" path={[...path, 'segmentId']} value={condition.segmentId} options={options} onChange={(segmentId) => onChange({ ...condition, segmentId })} />
    </div>
  );
}
