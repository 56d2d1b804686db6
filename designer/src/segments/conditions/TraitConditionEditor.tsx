import { traitConditionSchema, type TraitCondition } from '../../../../domain/segments/conditions/trait';
import type { Path } from '../problems';
import { valuesOf, DurationFields, ListField, NumberField, ScalarField, SelectField, TextField } from './fields';
import { TRAIT_LIST } from './names';

type Operator = TraitCondition['operator'];
const words: Record<Operator, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  contains: 'contains',
  startsWith: 'starts with',
  in: 'is one of',
  notIn: 'is none of',
  exists: 'is set',
  notExists: 'is not set',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'is between',
  before: 'is a date before',
  after: 'is a date after',
  withinLast: 'is a date within the last',
  withinNext: 'is a date within the next',
  ageBetween: 'is a birthdate, age between',
};
/** Every operator the schema accepts, read from its variants, in the schema's order. */
const operators = traitConditionSchema.options.flatMap((variant) => valuesOf<Operator>(variant.shape.operator)).map((operator) => ({ value: operator, label: words[operator] }));

const today = () => new Date().toISOString().slice(0, 10);

/** The settings each operator needs, keeping what carries over (the trait, a value of the right kind). */
function withOperator(condition: TraitCondition, operator: Operator): TraitCondition {
  const base = { type: 'trait' as const, trait: condition.trait };
  const previous = 'value' in condition ? condition.value : undefined;
  switch (operator) {
    case 'equals':
    case 'notEquals':
      return { ...base, operator, value: typeof previous === 'string' || typeof previous === 'number' || typeof previous === 'boolean' ? previous : '' };
    case 'contains':
    case 'startsWith':
      return { ...base, operator, value: typeof previous === 'string' ? previous : '' };
    case 'in':
    case 'notIn':
      return { ...base, operator, values: 'values' in condition ? condition.values : typeof previous === 'string' && previous ? [previous] : [''] };
    case 'exists':
    case 'notExists':
      return { ...base, operator };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...base, operator, value: typeof previous === 'number' ? previous : 0 };
    case 'between':
      return { ...base, operator, min: 0, max: 10 };
    case 'before':
    case 'after':
      return { ...base, operator, value: today() };
    case 'withinLast':
    case 'withinNext':
      return { ...base, operator, duration: 'duration' in condition ? condition.duration : { amount: 7, unit: 'days' } };
    case 'ageBetween':
      return { ...base, operator, min: 18, max: 65 };
  }
}

export function TraitConditionEditor({ condition, path, onChange }: { condition: TraitCondition; path: Path; onChange: (condition: TraitCondition) => void }) {
  return (
    <div className="condition-fields">
      <TextField label="Trait" path={[...path, 'trait']} list={TRAIT_LIST} value={condition.trait} onChange={(trait) => onChange({ ...condition, trait })} />
      <SelectField label="Test" path={[...path, 'operator']} value={condition.operator} options={operators} onChange={(operator) => onChange(withOperator(condition, operator))} />
      {(condition.operator === 'equals' || condition.operator === 'notEquals') && <ScalarField label="Value" path={[...path, 'value']} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />}
      {(condition.operator === 'contains' || condition.operator === 'startsWith') && <TextField label="Value" path={[...path, 'value']} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />}
      {(condition.operator === 'in' || condition.operator === 'notIn') && <ListField label="Values" path={[...path, 'values']} values={condition.values} onChange={(values) => onChange({ ...condition, values })} />}
      {(condition.operator === 'gt' || condition.operator === 'gte' || condition.operator === 'lt' || condition.operator === 'lte') && (
        <NumberField label="Value" path={[...path, 'value']} value={condition.value} onChange={(value) => onChange({ ...condition, value })} />
      )}
      {(condition.operator === 'between' || condition.operator === 'ageBetween') && (
        <>
          <NumberField label="Min" path={[...path, 'min']} value={condition.min} onChange={(min) => onChange({ ...condition, min })} />
          <NumberField label="Max" path={[...path, 'max']} value={condition.max} onChange={(max) => onChange({ ...condition, max })} />
        </>
      )}
      {(condition.operator === 'before' || condition.operator === 'after') && <TextField type="date" label="Date" path={[...path, 'value']} value={condition.value.slice(0, 10)} onChange={(value) => onChange({ ...condition, value })} />}
      {(condition.operator === 'withinLast' || condition.operator === 'withinNext') && <DurationFields label="Period" path={[...path, 'duration']} value={condition.duration} onChange={(duration) => onChange({ ...condition, duration })} />}
    </div>
  );
}
