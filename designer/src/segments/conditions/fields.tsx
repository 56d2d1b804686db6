import { createContext, useContext, useId, type ReactNode } from 'react';
import { durationUnits } from '../../../../domain/segments/durationMath';
import type { Duration } from '../../../../domain/segments/duration';
import { countSchema, type Count } from '../../../../domain/segments/conditions/event';
import { propertyFilterSchema, type PropertyFilter } from '../../../../domain/segments/propertyFilter';
import type { Window } from '../../../../domain/segments/window';
import { pathKey, type Path, type Problem } from '../problems';

/** The values an operator field of a schema variant allows: an enum's options or a literal's value. */
export function valuesOf<Value extends string>(schema: { options: readonly Value[] } | { values: ReadonlySet<Value> }): Value[] {
  return 'options' in schema ? [...schema.options] : [...schema.values];
}

/** The problems of the last estimate or save, so that each control can show its own. */
export const ProblemsContext = createContext<readonly Problem[]>([]);

export function useProblemsAt(path: Path): Problem[] {
  const problems = useContext(ProblemsContext);
  const key = pathKey(path);
  return problems.filter((problem) => pathKey(problem.path) === key);
}

/** The messages for one path, referenced by the control through aria-describedby. */
export function ProblemText({ id, problems }: { id: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <span id={id} className="field-problem" role="alert">
      {problems.map((problem) => problem.message).join('; ')}
    </span>
  );
}

interface FieldProps {
  label: string;
  path: Path;
}

function Field({ label, path, children }: FieldProps & { children: (props: { id: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const id = useId();
  const problems = useProblemsAt(path);
  const problemId = `${id}-problem`;
  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(problems.length > 0 ? { 'aria-invalid': true, 'aria-describedby': problemId } : {}) })}
      <ProblemText id={problemId} problems={problems} />
    </span>
  );
}

export function TextField({ label, path, value, onChange, list, placeholder, type = 'text' }: FieldProps & { value: string; onChange: (value: string) => void; list?: string; placeholder?: string; type?: 'text' | 'date' }) {
  return <Field label={label} path={path}>{(props) => <input {...props} type={type} value={value} list={list} placeholder={placeholder} onChange={(event) => onChange(event.target.value)} />}</Field>;
}

export function NumberField({ label, path, value, onChange, min, step }: FieldProps & { value: number; onChange: (value: number) => void; min?: number; step?: number }) {
  // An emptied field becomes NaN, which the API refuses by its path: the problem shows here.
  return (
    <Field label={label} path={path}>
      {(props) => <input {...props} type="number" min={min} step={step} value={Number.isNaN(value) ? '' : value} onChange={(event) => onChange(event.target.valueAsNumber)} />}
    </Field>
  );
}

export function SelectField<Value extends string>({ label, path, value, options, onChange }: FieldProps & { value: Value; options: readonly { value: Value; label: string }[]; onChange: (value: Value) => void }) {
  return (
    <Field label={label} path={path}>
      {(props) => (
        <select {...props} value={value} onChange={(event) => onChange(event.target.value as Value)}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <span className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

type Scalar = string | number | boolean;
type ScalarKind = 'text' | 'number' | 'boolean';
const kindOf = (value: Scalar): ScalarKind => (typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text');
const scalarKinds = [
  { value: 'text', label: 'text' },
  { value: 'number', label: 'number' },
  { value: 'boolean', label: 'yes / no' },
] as const;

/** Comparisons are strict ("5" is not 5), so the marketer says which kind of value is meant. */
export function ScalarField({ label, path, value, onChange }: FieldProps & { value: Scalar; onChange: (value: Scalar) => void }) {
  const kind = kindOf(value);
  const convert = (next: ScalarKind): Scalar => (next === 'number' ? Number(value) || 0 : next === 'boolean' ? value === true || value === 'true' : String(value));
  return (
    <>
      <SelectField label={`${label} type`} path={[...path, 'kind']} value={kind} options={scalarKinds} onChange={(next) => onChange(convert(next))} />
      {kind === 'number' && <NumberField label={label} path={path} value={value as number} onChange={onChange} />}
      {kind === 'text' && <TextField label={label} path={path} value={value as string} onChange={onChange} />}
      {kind === 'boolean' && <SelectField label={label} path={path} value={value ? 'true' : 'false'} options={[{ value: 'true', label: 'yes' }, { value: 'false', label: 'no' }]} onChange={(next) => onChange(next === 'true')} />}
    </>
  );
}

/** A list written as comma-separated text; numbers only when asked, because "01234" is a text. */
export function ListField({ label, path, values, onChange }: FieldProps & { values: readonly (string | number)[]; onChange: (values: (string | number)[]) => void }) {
  const numeric = values.length > 0 && values.every((entry) => typeof entry === 'number');
  const parse = (text: string, asNumbers: boolean) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => (asNumbers ? Number(entry) : entry));
  return (
    <>
      <TextField label={`${label} (comma-separated)`} path={path} value={values.join(', ')} onChange={(text) => onChange(parse(text, numeric))} />
      <CheckboxField label="numbers" checked={numeric} onChange={(asNumbers) => onChange(parse(values.join(','), asNumbers))} />
    </>
  );
}

export const durationUnitOptions = durationUnits.map((unit) => ({ value: unit, label: unit }));

export function DurationFields({ label, path, value, onChange }: FieldProps & { value: Duration; onChange: (value: Duration) => void }) {
  return (
    <>
      <NumberField label={`${label} amount`} path={[...path, 'amount']} min={1} step={1} value={value.amount} onChange={(amount) => onChange({ ...value, amount })} />
      <SelectField label={`${label} unit`} path={[...path, 'unit']} value={value.unit} options={durationUnitOptions} onChange={(unit) => onChange({ ...value, unit })} />
    </>
  );
}

const windowKinds = [
  { value: 'ever', label: 'ever' },
  { value: 'last', label: 'in the last' },
  { value: 'between', label: 'between dates (UTC)' },
] as const;

const today = () => new Date().toISOString().slice(0, 10);

/** `between` takes whole UTC days: from the start of the first to the end of the last. */
export function WindowFields({ path, value, onChange, label = 'When' }: { path: Path; value: Window; onChange: (value: Window) => void; label?: string }) {
  const change = (kind: Window['kind']) => {
    if (kind === 'ever') onChange({ kind });
    if (kind === 'last') onChange({ kind, duration: { amount: 30, unit: 'days' } });
    if (kind === 'between') onChange({ kind, from: `${today()}T00:00:00.000Z`, to: `${today()}T23:59:59.999Z` });
  };
  return (
    <>
      <SelectField label={label} path={[...path, 'kind']} value={value.kind} options={windowKinds} onChange={change} />
      {value.kind === 'last' && <DurationFields label="Window" path={[...path, 'duration']} value={value.duration} onChange={(duration) => onChange({ ...value, duration })} />}
      {value.kind === 'between' && (
        <>
          <TextField type="date" label="From" path={[...path, 'from']} value={value.from.slice(0, 10)} onChange={(day) => onChange({ ...value, from: `${day}T00:00:00.000Z` })} />
          <TextField type="date" label="To" path={[...path, 'to']} value={value.to.slice(0, 10)} onChange={(day) => onChange({ ...value, to: `${day}T23:59:59.999Z` })} />
        </>
      )}
    </>
  );
}

const countWords: Record<Count['operator'], string> = { atLeast: 'at least', atMost: 'at most', exactly: 'exactly' };
const countOptions = countSchema.shape.operator.options.map((operator) => ({ value: operator, label: countWords[operator] }));

export function CountFields({ path, value, onChange }: { path: Path; value: Count; onChange: (value: Count) => void }) {
  return (
    <>
      <SelectField label="Times" path={[...path, 'operator']} value={value.operator} options={countOptions} onChange={(operator) => onChange({ ...value, operator })} />
      <NumberField label="Count" path={[...path, 'value']} min={0} step={1} value={value.value} onChange={(count) => onChange({ ...value, value: count })} />
    </>
  );
}

type FilterOperator = PropertyFilter['operator'];
const filterWords: Record<FilterOperator, string> = { equals: '=', notEquals: '≠', contains: 'contains', startsWith: 'starts with', in: 'is one of', exists: 'exists', notExists: 'does not exist', gt: '>', gte: '≥', lt: '<', lte: '≤' };
/** Every operator the filter schema accepts, read from its variants. */
const filterOperators = propertyFilterSchema.options.flatMap((variant) => valuesOf<FilterOperator>(variant.shape.operator)).map((operator) => ({ value: operator, label: filterWords[operator] }));

function filterWith(filter: PropertyFilter, operator: FilterOperator): PropertyFilter {
  const property = filter.property;
  const previous = 'value' in filter ? filter.value : undefined;
  switch (operator) {
    case 'equals':
    case 'notEquals':
      return { property, operator, value: typeof previous === 'string' || typeof previous === 'number' || typeof previous === 'boolean' ? previous : '' };
    case 'contains':
    case 'startsWith':
      return { property, operator, value: typeof previous === 'string' ? previous : '' };
    case 'in':
      return { property, operator, value: typeof previous === 'string' && previous ? [previous] : [''] };
    case 'exists':
    case 'notExists':
      return { property, operator };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { property, operator, value: typeof previous === 'number' ? previous : 0 };
  }
}

/** "where" filters on the event's properties. */
export function FiltersEditor({ path, value, onChange, label = 'Property filters' }: { path: Path; value: readonly PropertyFilter[] | undefined; onChange: (value: PropertyFilter[] | undefined) => void; label?: string }) {
  const filters = value ?? [];
  const set = (index: number, filter: PropertyFilter) => onChange(filters.map((current, at) => (at === index ? filter : current)));
  return (
    <fieldset className="filters">
      <legend>{label}</legend>
      {filters.map((filter, index) => {
        const at = [...path, index];
        return (
          <div key={index} className="filter-row">
            <TextField label="Property" path={[...at, 'property']} value={filter.property} onChange={(property) => set(index, { ...filter, property })} />
            <SelectField label="Test" path={[...at, 'operator']} value={filter.operator} options={filterOperators} onChange={(operator) => set(index, filterWith(filter, operator))} />
            {(filter.operator === 'equals' || filter.operator === 'notEquals') && <ScalarField label="Value" path={[...at, 'value']} value={filter.value} onChange={(next) => set(index, { ...filter, value: next })} />}
            {(filter.operator === 'contains' || filter.operator === 'startsWith') && <TextField label="Value" path={[...at, 'value']} value={filter.value} onChange={(next) => set(index, { ...filter, value: next })} />}
            {filter.operator === 'in' && <ListField label="Values" path={[...at, 'value']} values={filter.value.filter((entry): entry is string | number => typeof entry !== 'boolean')} onChange={(next) => set(index, { ...filter, value: next })} />}
            {(filter.operator === 'gt' || filter.operator === 'gte' || filter.operator === 'lt' || filter.operator === 'lte') && <NumberField label="Value" path={[...at, 'value']} value={filter.value} onChange={(next) => set(index, { ...filter, value: next })} />}
            <button type="button" aria-label={`Remove filter ${index + 1}${filter.property ? ` (${filter.property})` : ''}`} onClick={() => {
              const rest = filters.filter((_, at) => at !== index);
              onChange(rest.length > 0 ? rest : undefined);
            }}>
              Remove
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...filters, { property: '', operator: 'equals', value: '' }])}>
        Add filter
      </button>
    </fieldset>
  );
}
