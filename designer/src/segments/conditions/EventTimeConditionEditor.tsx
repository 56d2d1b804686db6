import { eventTimeConditionSchema, type EventTimeCondition } from '../../../../domain/segments/conditions/eventTime';
import type { Path } from '../problems';
import { withWhere } from './EventConditionEditor';
import { valuesOf, DurationFields, FiltersEditor, SelectField, TextField } from './fields';
import { EVENT_LIST } from './names';

type Operator = EventTimeCondition['operator'];
const words: Record<Operator, string> = { before: 'before', after: 'after', withinLast: 'within the last', notWithinLast: 'not within the last' };
const operators = eventTimeConditionSchema.options.flatMap((variant) => valuesOf<Operator>(variant.shape.operator)).map((operator) => ({ value: operator, label: words[operator] }));
const whichOptions = eventTimeConditionSchema.options[0].shape.which.options.map((which) => ({ value: which, label: `${which} time` }));

function withOperator(condition: EventTimeCondition, operator: Operator): EventTimeCondition {
  const { type, event, which, where } = condition;
  const base = { type, event, which, ...(where ? { where } : {}) };
  if (operator === 'before' || operator === 'after') return { ...base, operator, value: 'value' in condition ? condition.value : new Date().toISOString().slice(0, 10) };
  return { ...base, operator, duration: 'duration' in condition ? condition.duration : { amount: 30, unit: 'days' } };
}

/** When the learner first or last performed an event; false for learners who never did. */
export function EventTimeConditionEditor({ condition, path, onChange }: { condition: EventTimeCondition; path: Path; onChange: (condition: EventTimeCondition) => void }) {
  return (
    <div className="condition-fields">
      <SelectField label="Which" path={[...path, 'which']} value={condition.which} options={whichOptions} onChange={(which) => onChange({ ...condition, which })} />
      <TextField label="Event" path={[...path, 'event']} list={EVENT_LIST} value={condition.event} onChange={(event) => onChange({ ...condition, event })} />
      <SelectField label="Was" path={[...path, 'operator']} value={condition.operator} options={operators} onChange={(operator) => onChange(withOperator(condition, operator))} />
      {(condition.operator === 'before' || condition.operator === 'after') && <TextField type="date" label="Date" path={[...path, 'value']} value={condition.value.slice(0, 10)} onChange={(value) => onChange({ ...condition, value })} />}
      {(condition.operator === 'withinLast' || condition.operator === 'notWithinLast') && <DurationFields label="Period" path={[...path, 'duration']} value={condition.duration} onChange={(duration) => onChange({ ...condition, duration })} />}
      <FiltersEditor path={[...path, 'where']} value={condition.where} onChange={(where) => onChange(withWhere(condition, where))} />
    </div>
  );
}
