import { createContext, useContext, useId, useMemo, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { humanize, optionLabel, singular } from './labels';
import {
  choiceOptionOf,
  choiceValues,
  fieldInfo,
  initialValueOf,
  isRecord,
  pathKey,
  placeIssues,
  setAt,
  shapeOf,
  shownPaths,
  switchChoice,
  unionOptionIndex,
  unionOptionLabel,
  type FieldIssue,
  type FieldNode,
  type Path,
} from './model';

type Schema = z.core.$ZodType;

/** A known value a field may take, e.g. a template's id and name. */
export interface FieldChoice {
  value: string | number;
  label: string;
}

/**
 * Fields to show as a select of known values, keyed by field name (`templateId`) or by a dotted path
 * pattern with `*` for list positions (`branches.*.condition.segmentId`, `weekdays.*`). The longest
 * matching suffix of a field's path wins.
 */
export type FieldOptions = Readonly<Record<string, readonly FieldChoice[]>>;

/** Label overrides, keyed like `fieldOptions`. */
export type FieldLabels = Readonly<Record<string, string>>;

export interface SchemaFormProps<S extends z.ZodType> {
  /** The schema the server validates with. */
  schema: S;
  /** The value being edited; it may be incomplete or invalid while the marketer types. */
  value: unknown;
  /** Every edit: the new value and the schema's verdict on it (`result.data` is the parsed value). */
  onChange: (value: unknown, result: z.ZodSafeParseResult<z.output<S>>) => void;
  /** Problems found elsewhere (e.g. by the server's compiler), shown with zod's own at their paths. */
  errors?: readonly FieldIssue[];
  fieldOptions?: FieldOptions;
  labels?: FieldLabels;
  /** Shows the value without letting it change (a past version). */
  readOnly?: boolean;
  /** The accessible name of the whole form, e.g. "Delay settings". */
  label?: string;
}

interface FormContext {
  idBase: string;
  issues: ReadonlyMap<string, readonly string[]>;
  fieldOptions: FieldOptions;
  labels: FieldLabels;
  readOnly: boolean;
  set(path: Path, next: unknown): void;
}

const Context = createContext<FormContext | null>(null);

function useForm(): FormContext {
  const context = useContext(Context);
  if (!context) throw new Error('Form fields render inside <SchemaForm>');
  return context;
}

const issuesOf = (result: z.ZodSafeParseResult<unknown>): FieldIssue[] => (result.success ? [] : result.error.issues.map((issue) => ({ path: issue.path, message: issue.message })));

// A stable default, so the memoised issue placement is not redone on every render.
const noErrors: readonly FieldIssue[] = [];

/** A form for any zod object or discriminated union: one labelled control per field, zod's issues inline. */
export function SchemaForm<S extends z.ZodType>({ schema, value, onChange, errors = noErrors, fieldOptions = {}, labels = {}, readOnly = false, label }: SchemaFormProps<S>) {
  const idBase = useId();
  const result = useMemo(() => schema.safeParse(value), [schema, value]);
  const issues = useMemo(() => {
    const shown = shownPaths(schema, value);
    return placeIssues([...issuesOf(result), ...errors], shown);
  }, [schema, value, result, errors]);

  const context: FormContext = {
    idBase,
    issues,
    fieldOptions,
    labels,
    readOnly,
    set(path, next) {
      const updated = setAt(value, path, next);
      onChange(updated, schema.safeParse(updated));
    },
  };
  const formIssues = issues.get('') ?? [];
  const errorId = `${idBase}-form-issues`;

  return (
    <Context.Provider value={context}>
      <fieldset className="schema-form" disabled={readOnly} aria-label={label} aria-describedby={formIssues.length ? errorId : undefined}>
        <IssueList id={errorId} messages={formIssues} />
        <Field schema={schema} path={[]} value={value} name="" root />
      </fieldset>
    </Context.Provider>
  );
}

/** The suffixes of a field's path pattern, longest first: where fieldOptions and labels are looked up. */
function lookup<T>(table: Readonly<Record<string, T>>, path: Path): T | undefined {
  const pattern = path.map((key) => (typeof key === 'number' ? '*' : String(key)));
  for (let start = 0; start < pattern.length; start++) {
    const found = table[pattern.slice(start).join('.')];
    if (found !== undefined) return found;
  }
  return undefined;
}

interface FieldProps {
  schema: Schema;
  path: Path;
  value: unknown;
  /** The field's name in its object, or its list's label for list items. */
  name: string;
  /** A label to use as is (list items: "Variant 2"). */
  label?: string;
  root?: boolean;
}

interface Described {
  id: string;
  hintId: string;
  errorId: string;
  label: string;
  hint?: string;
  messages: readonly string[];
  describedBy?: string;
}

function useDescribed(path: Path, name: string, explicitLabel: string | undefined, info: { title?: string; description?: string }): Described {
  const form = useForm();
  const key = pathKey(path);
  const id = `${form.idBase}-${key.replace(/[^A-Za-z0-9_-]/g, '_') || 'root'}`;
  const messages = form.issues.get(key) ?? [];
  const hint = info.description;
  const describedBy = [hint ? `${id}-hint` : '', messages.length ? `${id}-issues` : ''].filter(Boolean).join(' ') || undefined;
  const label = lookup(form.labels, path) ?? explicitLabel ?? info.title ?? humanize(name);
  return { id, hintId: `${id}-hint`, errorId: `${id}-issues`, label, ...(hint ? { hint } : {}), messages, ...(describedBy ? { describedBy } : {}) };
}

function IssueList({ id, messages }: { id: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <ul id={id} className="field-issues">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

function Hint({ described }: { described: Described }) {
  return described.hint ? (
    <p id={described.hintId} className="field-hint">
      {described.hint}
    </p>
  ) : null;
}

function Field(props: FieldProps) {
  const info = fieldInfo(props.schema);
  const form = useForm();
  const described = useDescribed(props.path, props.name, props.label, info);
  const node = info.node;
  const shown = props.value === undefined && info.hasDefault ? info.defaultValue : props.value;
  const options = props.root ? undefined : lookup(form.fieldOptions, props.path);

  if (options && (node.kind === 'string' || node.kind === 'enum' || node.kind === 'number' || node.kind === 'union')) {
    return <KnownValuesField {...props} described={described} options={options} optional={info.optional} value={shown} />;
  }
  switch (node.kind) {
    case 'string':
      return <TextField {...props} node={node} described={described} optional={info.optional} value={shown} />;
    case 'number':
      return <NumberField {...props} node={node} described={described} optional={info.optional} value={shown} />;
    case 'enum':
      return <SelectField path={props.path} described={described} optional={info.optional} value={shown} values={node.options} />;
    case 'boolean':
      return <CheckboxField path={props.path} described={described} value={shown} />;
    case 'literal':
    case 'null':
      // A constant: nothing to choose (the discriminator of an option is shown by its selector).
      return null;
    case 'object':
    case 'choice':
    case 'record':
      return (
        <OptionalGroup {...props} described={described} optional={info.optional && !props.root} value={props.value}>
          {node.kind === 'object' && <ObjectFields shape={node.shape} path={props.path} value={shown} />}
          {node.kind === 'choice' && <ChoiceFields node={node} path={props.path} value={shown} omit={[]} />}
          {node.kind === 'record' && <RecordFields node={node} path={props.path} value={shown} name={props.name} />}
        </OptionalGroup>
      );
    case 'array':
      return <ListField {...props} node={node} described={described} optional={info.optional} value={shown} />;
    case 'union':
      return <UnionField {...props} node={node} described={described} value={shown} />;
    case 'json':
      return <JsonField path={props.path} described={described} value={shown} />;
  }
}

function Label({ described, optional }: { described: Described; optional?: boolean }) {
  return (
    <label htmlFor={described.id}>
      {described.label}
      {optional && <span className="field-optional"> (optional)</span>}
    </label>
  );
}

function FieldFrame({ described, optional, children, className = 'field' }: { described: Described; optional?: boolean; children: ReactNode; className?: string }) {
  return (
    <div className={className} data-invalid={described.messages.length > 0 || undefined}>
      <Label described={described} optional={optional} />
      <Hint described={described} />
      {children}
      <IssueList id={described.errorId} messages={described.messages} />
    </div>
  );
}

const controlProps = (described: Described) => ({
  id: described.id,
  'aria-invalid': described.messages.length > 0 || undefined,
  'aria-describedby': described.describedBy,
});

function TextField({ path, described, optional, value, node }: FieldProps & { described: Described; optional: boolean; node: Extract<FieldNode, { kind: 'string' }> }) {
  const form = useForm();
  return (
    <FieldFrame described={described} optional={optional}>
      <input
        {...controlProps(described)}
        type={node.inputType}
        value={typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value)}
        maxLength={node.maxLength}
        // An optional text left empty is absent, not "": "" would fail a min(1) the field does not need.
        onChange={(event) => form.set(path, event.target.value === '' && optional ? undefined : event.target.value)}
      />
    </FieldFrame>
  );
}

function NumberField({ path, described, optional, value, node }: FieldProps & { described: Described; optional: boolean; node: Extract<FieldNode, { kind: 'number' }> }) {
  const form = useForm();
  return (
    <FieldFrame described={described} optional={optional}>
      <input
        {...controlProps(described)}
        type="number"
        inputMode={node.integer ? 'numeric' : 'decimal'}
        step={node.integer ? 1 : 'any'}
        min={node.min}
        max={node.max}
        value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
        // Cleared means absent, so zod names the missing number rather than a silent 0.
        onChange={(event) => form.set(path, event.target.value === '' ? undefined : Number(event.target.value))}
      />
    </FieldFrame>
  );
}

function SelectField({ path, described, optional, value, values }: { path: Path; described: Described; optional: boolean; value: unknown; values: readonly (string | number)[] }) {
  const form = useForm();
  const index = values.findIndex((candidate) => candidate === value);
  return (
    <FieldFrame described={described} optional={optional}>
      <select
        {...controlProps(described)}
        value={index === -1 ? '' : String(index)}
        onChange={(event) => form.set(path, event.target.value === '' ? undefined : values[Number(event.target.value)])}
      >
        {(optional || index === -1) && <option value="">{optional ? '— none —' : 'Choose…'}</option>}
        {values.map((option, position) => (
          <option key={String(option)} value={String(position)}>
            {optionLabel(option)}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function KnownValuesField({ path, described, optional, value, options }: FieldProps & { described: Described; optional: boolean; options: readonly FieldChoice[] }) {
  const form = useForm();
  const known = options.some((option) => option.value === value);
  const missing = value !== undefined && value !== '' && !known;
  return (
    <FieldFrame described={described} optional={optional}>
      <select
        {...controlProps(described)}
        value={value === undefined || value === null ? '' : String(value)}
        onChange={(event) => {
          const chosen = options.find((option) => String(option.value) === event.target.value);
          form.set(path, chosen ? chosen.value : event.target.value === '' ? (optional ? undefined : '') : event.target.value);
        }}
      >
        <option value="">{optional ? '— none —' : 'Choose…'}</option>
        {/* A value that is no longer known stays visible rather than being silently replaced. */}
        {missing && <option value={String(value)}>{String(value)} (not found)</option>}
        {options.map((option) => (
          <option key={String(option.value)} value={String(option.value)}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

function CheckboxField({ path, described, value }: { path: Path; described: Described; value: unknown }) {
  const form = useForm();
  return (
    <div className="field field-checkbox" data-invalid={described.messages.length > 0 || undefined}>
      <input {...controlProps(described)} type="checkbox" checked={value === true} onChange={(event) => form.set(path, event.target.checked)} />
      <Label described={described} />
      <Hint described={described} />
      <IssueList id={described.errorId} messages={described.messages} />
    </div>
  );
}

/** A group of fields; when optional and absent, a button adds it (with its starting value). */
function OptionalGroup({ schema, path, value, root, described, optional, children }: FieldProps & { described: Described; optional: boolean; children: ReactNode }) {
  const form = useForm();
  // The root's issues are listed by the form itself, above everything.
  if (root) return children;
  const inner = (
    <>
      <Hint described={described} />
      <IssueList id={described.errorId} messages={described.messages} />
      {children}
    </>
  );
  const absent = optional && value === undefined;
  return (
    <fieldset className="field-group" aria-describedby={described.describedBy} aria-invalid={described.messages.length > 0 || undefined}>
      <legend>
        {described.label}
        {optional && <span className="field-optional"> (optional)</span>}
      </legend>
      {absent ? (
        form.readOnly ? (
          <p className="field-empty">Not set.</p>
        ) : (
          <button type="button" className="button-secondary" onClick={() => form.set(path, initialValueOf(schema, { present: true }))}>
            Add {described.label.toLowerCase()}
          </button>
        )
      ) : (
        <>
          {inner}
          {optional && !form.readOnly && (
            <button type="button" className="button-link" onClick={() => form.set(path, undefined)}>
              Remove {described.label.toLowerCase()}
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}

function ObjectFields({ shape, path, value, omit = [] }: { shape: Readonly<Record<string, Schema>>; path: Path; value: unknown; omit?: readonly string[] }) {
  const object = isRecord(value) ? value : {};
  return (
    <>
      {Object.entries(shape)
        .filter(([key]) => !omit.includes(key))
        .map(([key, field]) => (
          <Field key={key} schema={field} path={[...path, key]} value={object[key]} name={key} />
        ))}
    </>
  );
}

/** A discriminated union: a selector for the discriminator, then the chosen option's other fields. */
function ChoiceFields({ node, path, value, omit }: { node: Extract<FieldNode, { kind: 'choice' }>; path: Path; value: unknown; omit: readonly string[] }) {
  const form = useForm();
  const selector = useDescribed([...path, node.discriminator], node.discriminator, undefined, {});
  const values = choiceValues(node);
  const current = isRecord(value) ? value[node.discriminator] : undefined;
  const index = values.findIndex((candidate) => candidate === current);
  const option = choiceOptionOf(node, value);
  return (
    <>
      <FieldFrame described={selector}>
        <select
          {...controlProps(selector)}
          value={index === -1 ? '' : String(index)}
          onChange={(event) => form.set(path, switchChoice(node, value, values[Number(event.target.value)]))}
        >
          {index === -1 && <option value="">Choose…</option>}
          {values.map((choice, position) => (
            <option key={String(choice)} value={String(position)}>
              {optionLabel(choice)}
            </option>
          ))}
        </select>
      </FieldFrame>
      {option && <OptionFields schema={option.schema} path={path} value={value} omit={[...omit, node.discriminator]} />}
    </>
  );
}

/**
 * The fields of a chosen option, without the discriminators already shown as selectors. An option may
 * itself be a union on another discriminator (a trait condition is a union on its operator).
 */
function OptionFields({ schema, path, value, omit }: { schema: Schema; path: Path; value: unknown; omit: readonly string[] }) {
  const node = fieldInfo(schema).node;
  if (node.kind === 'choice') {
    if (!omit.includes(node.discriminator)) return <ChoiceFields node={node} path={path} value={value} omit={omit} />;
    const inner = choiceOptionOf(node, value);
    return inner ? <OptionFields schema={inner.schema} path={path} value={value} omit={omit} /> : null;
  }
  return <ObjectFields shape={shapeOf(schema, value)} path={path} value={value} omit={omit} />;
}

function ListField({ path, value, name, described, optional, node, label }: FieldProps & { described: Described; optional: boolean; node: Extract<FieldNode, { kind: 'array' }> }) {
  const form = useForm();
  const items = Array.isArray(value) ? value : [];
  const itemLabel = singular(label ?? name);
  const elementKind = fieldInfo(node.element).node.kind;
  const scalar = elementKind === 'string' || elementKind === 'number' || elementKind === 'enum' || elementKind === 'boolean' || elementKind === 'union';
  const canAdd = node.maxItems === undefined || items.length < node.maxItems;
  const canRemove = items.length > (node.minItems ?? 0);
  const update = (next: unknown[]) => form.set(path, next.length === 0 && optional ? undefined : next);
  const move = (from: number, to: number) => {
    const next = [...items];
    const [moved] = next.splice(from, 1);
    next.splice(to, 0, moved);
    update(next);
  };
  return (
    <fieldset className="field-group field-list" aria-describedby={described.describedBy} aria-invalid={described.messages.length > 0 || undefined}>
      <legend>
        {described.label}
        {optional && <span className="field-optional"> (optional)</span>}
      </legend>
      <Hint described={described} />
      <IssueList id={described.errorId} messages={described.messages} />
      {items.length === 0 && <p className="field-empty">None yet.</p>}
      <ol className={scalar ? 'list-items list-items-scalar' : 'list-items'}>
        {items.map((item, index) => {
          const position = `${itemLabel} ${index + 1}`;
          return (
            // List items have no ids of their own; the position is their identity while editing.
            <li key={index} className="list-item">
              <Field schema={node.element} path={[...path, index]} value={item} name={name} label={position} />
              {!form.readOnly && (
                <div className="list-item-actions">
                  {!scalar && (
                    <>
                      <button type="button" className="button-icon" aria-label={`Move ${position} up`} disabled={index === 0} onClick={() => move(index, index - 1)}>
                        ↑
                      </button>
                      <button type="button" className="button-icon" aria-label={`Move ${position} down`} disabled={index === items.length - 1} onClick={() => move(index, index + 1)}>
                        ↓
                      </button>
                    </>
                  )}
                  <button type="button" className="button-icon" aria-label={`Remove ${position}`} disabled={!canRemove} onClick={() => update(items.filter((_, other) => other !== index))}>
                    ✕
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {!form.readOnly && (
        <button type="button" className="button-secondary" disabled={!canAdd} onClick={() => update([...items, initialValueOf(node.element)])}>
          Add {itemLabel.toLowerCase()}
        </button>
      )}
    </fieldset>
  );
}

/** Name → value pairs (e.g. traits to set): a name box and the value's own control per entry. */
function RecordFields({ node, path, value, name }: { node: Extract<FieldNode, { kind: 'record' }>; path: Path; value: unknown; name: string }) {
  const form = useForm();
  const entries = Object.entries(isRecord(value) ? value : {});
  const itemLabel = singular(name);
  const rename = (from: string, to: string) => {
    // Rebuilt in order so a renamed entry keeps its place.
    form.set(path, Object.fromEntries(entries.map(([key, item]) => [key === from ? to : key, item])));
  };
  const nameId = (index: number) => `${form.idBase}-${pathKey(path).replace(/[^A-Za-z0-9_-]/g, '_')}-name-${index}`;
  return (
    <>
      {entries.length === 0 && <p className="field-empty">None yet.</p>}
      <ol className="list-items">
        {entries.map(([key, item], index) => (
          <li key={index} className="list-item record-entry">
            <div className="field">
              <label htmlFor={nameId(index)}>{`${itemLabel} ${index + 1} name`}</label>
              <input id={nameId(index)} type="text" value={key} onChange={(event) => rename(key, event.target.value)} />
            </div>
            <Field schema={node.value} path={[...path, key]} value={item} name={name} label={`${itemLabel} ${index + 1} value`} />
            {!form.readOnly && (
              <div className="list-item-actions">
                <button type="button" className="button-icon" aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`} onClick={() => form.set(path, Object.fromEntries(entries.filter(([other]) => other !== key)))}>
                  ✕
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {!form.readOnly && (
        <button
          type="button"
          className="button-secondary"
          // One unnamed entry at a time: a second "" would overwrite the first.
          disabled={entries.some(([key]) => key === '')}
          onClick={() => form.set(path, { ...Object.fromEntries(entries), '': initialValueOf(node.value) })}
        >
          Add {itemLabel.toLowerCase()}
        </button>
      )}
    </>
  );
}

/** A value of one of several types (text, number, yes / no): a type selector, then that type's control. */
function UnionField({ path, value, name, label, described, node }: FieldProps & { described: Described; node: Extract<FieldNode, { kind: 'union' }> }) {
  const form = useForm();
  const index = unionOptionIndex(node.options, value);
  const option = node.options[index];
  const typeId = `${described.id}-type`;
  const convert = (next: Schema): unknown => {
    const target = fieldInfo(next).node;
    if (target.kind === 'number' && typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
    if (target.kind === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return String(value);
    return initialValueOf(next);
  };
  return (
    <div className="field-union">
      <div className="field">
        <label htmlFor={typeId}>{`${described.label} type`}</label>
        <select id={typeId} value={String(index)} onChange={(event) => form.set(path, convert(node.options[Number(event.target.value)]!))}>
          {node.options.map((candidate, position) => (
            <option key={position} value={String(position)}>
              {unionOptionLabel(candidate)}
            </option>
          ))}
        </select>
      </div>
      {option && fieldInfo(option).node.kind !== 'null' && <Field schema={option} path={path} value={value} name={name} label={label ?? described.label} />}
      {option && fieldInfo(option).node.kind === 'null' && <IssueList id={described.errorId} messages={described.messages} />}
    </div>
  );
}

/** Anything the form has no control for: edited as JSON, applied once it parses. */
function JsonField({ path, described, value }: { path: Path; described: Described; value: unknown }) {
  const form = useForm();
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? (value === undefined ? '' : JSON.stringify(value, null, 2));
  const [parseError, setParseError] = useState<string | null>(null);
  const messages = parseError ? [...described.messages, parseError] : described.messages;
  const shown = { ...described, messages, describedBy: [described.hint ? described.hintId : '', messages.length ? described.errorId : ''].filter(Boolean).join(' ') || undefined } as Described;
  return (
    <FieldFrame described={shown}>
      <textarea
        {...controlProps(shown)}
        className="field-json"
        rows={4}
        value={text}
        onChange={(event) => {
          setDraft(event.target.value);
          if (event.target.value.trim() === '') {
            setParseError(null);
            form.set(path, undefined);
            return;
          }
          try {
            form.set(path, JSON.parse(event.target.value));
            setParseError(null);
          } catch {
            setParseError('Not valid JSON yet');
          }
        }}
        onBlur={() => !parseError && setDraft(null)}
      />
    </FieldFrame>
  );
}
