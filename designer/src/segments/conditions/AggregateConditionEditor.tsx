import { aggregateConditionSchema, type AggregateCondition } from '../../../../domain/segments/conditions/aggregate';
import type { Path } from '../problems';
import { withWhere } from './EventConditionEditor';
import { FiltersEditor, NumberField, SelectField, TextField, WindowFields } from './fields';
import { EVENT_LIST } from './names';

const functions = aggregateConditionSchema.shape.function.options.map((name) => ({ value: name, label: name }));
const operatorWords: Record<AggregateCondition['operator'], string> = { gt: '>', gte: '≥', lt: '<', lte: '≤', equals: '=', between: 'between' };
const operators = aggregateConditionSchema.shape.operator.options.map((operator) => ({ value: operator, label: operatorWords[operator] }));

/** sum / avg / min / max of a numeric event property (or a count) compared with a value, over a window. */
export function AggregateConditionEditor({ condition, path, onChange }: { condition: AggregateCondition; path: Path; onChange: (condition: AggregateCondition) => void }) {
  const setOperator = (operator: AggregateCondition['operator']) => {
    // max belongs to between only: the schema refuses it anywhere else.
    const { max: _max, ...rest } = condition;
    onChange(operator === 'between' ? { ...rest, operator, max: condition.max ?? condition.value } : { ...rest, operator });
  };
  return (
    <div className="condition-fields">
      <SelectField label="Function" path={[...path, 'function']} value={condition.function} options={functions} onChange={(fn) => onChange({ ...condition, function: fn })} />
      <TextField label="Property" path={[...path, 'property']} value={condition.property} onChange={(property) => onChange({ ...condition, property })} />
      <TextField label="Event" path={[...path, 'event']} list={EVENT_LIST} value={condition.event} onChange={(event) => onChange({ ...condition, event })} />
      <SelectField label="Compared" path={[...path, 'operator']} value={condition.operator} options={operators} onChange={setOperator} />
      <NumberField label={condition.operator === 'between' ? 'From' : 'Value'} path={[...path, 'value']} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />
      {condition.operator === 'between' && <NumberField label="To" path={[...path, 'max']} value={condition.max ?? condition.value} onChange={(max) => onChange({ ...condition, max })} />}
      <WindowFields path={[...path, 'window']} value={condition.window} onChange={(window) => onChange({ ...condition, window })} />
      <FiltersEditor path={[...path, 'where']} value={condition.where} onChange={(where) => onChange(withWhere(condition, where))} />
    </div>
  );
}
