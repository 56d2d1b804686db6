import { z } from 'zod';

/**
 * The form's reading of a zod v4 schema: what control a field needs. Walking zod's own definitions
 * (rather than its JSON Schema) keeps recursive rules lazy — a nested condition group is only read when
 * the value holds one — and keeps each discriminated union's options next to the schema that checks them.
 */
export type Path = readonly PropertyKey[];

type Schema = z.core.$ZodType;

export type FieldNode =
  | { kind: 'string'; inputType: 'text' | 'email' | 'url' | 'date' | 'datetime-local'; minLength?: number; maxLength?: number; format?: string }
  | { kind: 'enum'; options: readonly (string | number)[] }
  | { kind: 'literal'; value: unknown }
  | { kind: 'number'; integer: boolean; min?: number; max?: number }
  | { kind: 'boolean' }
  | { kind: 'null' }
  | { kind: 'object'; shape: Readonly<Record<string, Schema>> }
  | { kind: 'array'; element: Schema; minItems?: number; maxItems?: number }
  | { kind: 'choice'; discriminator: string; options: readonly ChoiceOption[] }
  | { kind: 'union'; options: readonly Schema[] }
  | { kind: 'record'; value: Schema }
  | { kind: 'json' };

/** One option of a discriminated union and the discriminator values that select it. */
export interface ChoiceOption {
  values: readonly unknown[];
  schema: Schema;
}

/** A field as shown: its control, whether it may be left empty, its default, and its texts. */
export interface FieldInfo {
  node: FieldNode;
  optional: boolean;
  nullable: boolean;
  defaultValue?: unknown;
  hasDefault: boolean;
  title?: string;
  description?: string;
}

const defOf = (schema: Schema) => schema._zod.def;

function metaOf(schema: Schema): { title?: string; description?: string } {
  const meta = z.globalRegistry.get(schema as z.ZodType) as { title?: string; description?: string } | undefined;
  return { ...(meta?.title ? { title: meta.title } : {}), ...(meta?.description ? { description: meta.description } : {}) };
}

/** Peels optional, default, nullable, readonly, pipes and lazies off a schema, remembering what they said. */
export function fieldInfo(schema: Schema): FieldInfo {
  let current = schema;
  let optional = false;
  let nullable = false;
  let hasDefault = false;
  let defaultValue: unknown;
  let { title, description } = metaOf(schema);
  for (let depth = 0; depth < 20; depth++) {
    const def = defOf(current);
    let inner: Schema | undefined;
    switch (def.type) {
      case 'optional':
        optional = true;
        inner = (def as z.core.$ZodOptionalDef).innerType;
        break;
      case 'nullable':
        nullable = true;
        inner = (def as z.core.$ZodNullableDef).innerType;
        break;
      case 'default':
      case 'prefault': {
        const withDefault = def as z.core.$ZodDefaultDef;
        if (!hasDefault) {
          hasDefault = true;
          defaultValue = withDefault.defaultValue;
        }
        inner = withDefault.innerType;
        break;
      }
      case 'readonly':
      case 'nonoptional':
      case 'catch':
        inner = (def as z.core.$ZodReadonlyDef).innerType;
        break;
      case 'pipe':
        // The form edits what the user types: the input side of a pipe.
        inner = (def as z.core.$ZodPipeDef).in;
        break;
      case 'lazy':
        inner = (def as z.core.$ZodLazyDef).getter();
        break;
    }
    if (!inner) break;
    const innerMeta = metaOf(inner);
    title ??= innerMeta.title;
    description ??= innerMeta.description;
    current = inner;
  }
  return { node: nodeOf(current), optional, nullable, hasDefault, ...(hasDefault ? { defaultValue } : {}), ...(title ? { title } : {}), ...(description ? { description } : {}) };
}

interface CheckDef {
  check: string;
  value?: unknown;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  format?: string;
}
const checksOf = (schema: Schema): CheckDef[] => (defOf(schema).checks ?? []).map((check) => check._zod.def as CheckDef);

function stringNode(schema: Schema): FieldNode {
  const checks = checksOf(schema);
  const format = checks.find((check) => check.check === 'string_format')?.format ?? (schema as z.core.$ZodString)._zod.bag.format;
  const minLength = checks.find((check) => check.check === 'min_length')?.minimum;
  const maxLength = checks.find((check) => check.check === 'max_length')?.maximum;
  const inputType = format === 'email' ? 'email' : format === 'url' ? 'url' : 'text';
  return { kind: 'string', inputType, ...(format ? { format } : {}), ...(minLength !== undefined ? { minLength } : {}), ...(maxLength !== undefined ? { maxLength } : {}) };
}

function numberNode(schema: Schema): FieldNode {
  let integer = false;
  let min: number | undefined;
  let max: number | undefined;
  for (const check of checksOf(schema)) {
    if (check.check === 'number_format' && check.format && /int/.test(check.format)) integer = true;
    if (check.check === 'greater_than' && typeof check.value === 'number') min = check.inclusive ? check.value : integer ? check.value + 1 : undefined;
    if (check.check === 'less_than' && typeof check.value === 'number') max = check.inclusive ? check.value : integer ? check.value - 1 : undefined;
  }
  // zod.int() may be listed after min(): look again now that we know.
  if (integer) {
    for (const check of checksOf(schema)) {
      if (check.check === 'greater_than' && typeof check.value === 'number' && !check.inclusive) min = check.value + 1;
      if (check.check === 'less_than' && typeof check.value === 'number' && !check.inclusive) max = check.value - 1;
    }
  }
  return { kind: 'number', integer, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function nodeOf(schema: Schema): FieldNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return stringNode(schema);
    case 'number':
    case 'int':
      return numberNode(schema);
    case 'boolean':
      return { kind: 'boolean' };
    case 'null':
      return { kind: 'null' };
    case 'enum':
      return { kind: 'enum', options: Object.values((def as z.core.$ZodEnumDef).entries) };
    case 'literal': {
      const values = (def as z.core.$ZodLiteralDef<z.core.util.Literal>).values;
      return values.length === 1 ? { kind: 'literal', value: values[0] } : { kind: 'enum', options: values.filter((value): value is string | number => typeof value === 'string' || typeof value === 'number') };
    }
    case 'object':
      return { kind: 'object', shape: (def as z.core.$ZodObjectDef).shape };
    case 'array':
      return arrayNode(schema);
    case 'union': {
      const union = def as z.core.$ZodDiscriminatedUnionDef;
      if (union.discriminator) {
        const discriminator = union.discriminator;
        return {
          kind: 'choice',
          discriminator,
          options: union.options.map((option) => ({ values: [...(option._zod.propValues?.[discriminator] ?? [])], schema: option })),
        };
      }
      return unionNode(union.options);
    }
    case 'record':
      return { kind: 'record', value: (def as z.core.$ZodRecordDef).valueType };
    default:
      return { kind: 'json' };
  }
}

function arrayNode(schema: Schema): FieldNode {
  const def = defOf(schema) as z.core.$ZodArrayDef;
  const checks = checksOf(schema);
  const minItems = checks.find((check) => check.check === 'min_length')?.minimum;
  const maxItems = checks.find((check) => check.check === 'max_length')?.maximum;
  return { kind: 'array', element: def.element, ...(minItems !== undefined ? { minItems } : {}), ...(maxItems !== undefined ? { maxItems } : {}) };
}

/** A union of text formats (a date or a date-time) is one text field; other unions pick their option. */
function unionNode(options: readonly Schema[]): FieldNode {
  const nodes = options.map((option) => fieldInfo(option).node);
  if (nodes.every((node) => node.kind === 'string')) return { kind: 'string', inputType: 'text' };
  return { kind: 'union', options };
}

/** What kind of value a union option takes, for its selector. */
export function unionOptionLabel(option: Schema): string {
  const node = fieldInfo(option).node;
  switch (node.kind) {
    case 'string':
      return 'Text';
    case 'number':
      return 'Number';
    case 'boolean':
      return 'Yes / no';
    case 'null':
      return 'Empty';
    case 'enum':
      return 'Choice';
    case 'literal':
      return String(node.value);
    case 'array':
      return 'List';
    default:
      return 'Details';
  }
}

/** The option of a plain union the value belongs to: the first that accepts it, else the first of its type. */
export function unionOptionIndex(options: readonly Schema[], value: unknown): number {
  const accepting = options.findIndex((option) => z.safeParse(option, value).success);
  if (accepting !== -1) return accepting;
  const sameType = options.findIndex((option) => matchesType(fieldInfo(option).node, value));
  return sameType === -1 ? 0 : sameType;
}

function matchesType(node: FieldNode, value: unknown): boolean {
  switch (node.kind) {
    case 'string':
    case 'enum':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' || value === undefined;
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'choice':
    case 'record':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return false;
  }
}

/** The option of a discriminated union selected by the value's discriminator. */
export function choiceOptionOf(node: Extract<FieldNode, { kind: 'choice' }>, value: unknown): ChoiceOption | undefined {
  const selected = isRecord(value) ? value[node.discriminator] : undefined;
  return node.options.find((option) => option.values.includes(selected));
}

/** Every discriminator value of a discriminated union, nested unions included, in declaration order. */
export function choiceValues(node: Extract<FieldNode, { kind: 'choice' }>): unknown[] {
  return node.options.flatMap((option) => option.values);
}

export const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Defaults are plain data; each use gets its own copy so that editing one never changes the schema's. */
function copyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyOf);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyOf(item)]));
  return value;
}

/** A starting value that would need itself again (a group of groups of …). */
const CYCLE = Symbol('cycle');
type Built = unknown;

/**
 * A starting value a marketer can edit from: defaults where the schema has them, the first option of
 * every choice, empty text, the smallest allowed number, and as many list items as the list needs.
 * `undefined` for optional fields without a default, so that they stay out of the value; `present`
 * gives an optional field a value (the marketer asked to add it). Recursive schemas start with their
 * first option that does not contain itself (a condition starts as a trait test, not a group of groups).
 */
export function initialValueOf(schema: Schema, { present = false }: { present?: boolean } = {}): unknown {
  const built = build(schema, new Set(), present);
  return built === CYCLE ? undefined : built;
}

function build(schema: Schema, stack: ReadonlySet<Schema>, present = false): Built {
  const info = fieldInfo(schema);
  if (info.hasDefault) return copyOf(info.defaultValue);
  if (info.optional && !present) return undefined;
  const node = info.node;
  switch (node.kind) {
    case 'string':
      return '';
    case 'enum':
      return node.options[0];
    case 'literal':
      return node.value;
    case 'number':
      return node.min ?? (node.max !== undefined && node.max < 0 ? node.max : 0);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'object':
      return buildObject(node.shape, stack);
    case 'array': {
      const items: unknown[] = [];
      for (let index = 0; index < (node.minItems ?? 0); index++) {
        const item = build(node.element, stack);
        if (item === CYCLE) return CYCLE;
        items.push(item);
      }
      return items;
    }
    case 'choice':
    case 'union': {
      if (stack.has(schema)) return CYCLE;
      const inner = new Set(stack).add(schema);
      const options = node.kind === 'choice' ? node.options.map((option) => option.schema) : node.options;
      for (const option of options) {
        const built = build(option, inner);
        if (built !== CYCLE) return built;
      }
      return CYCLE;
    }
    case 'record':
      return {};
    case 'json':
      return info.nullable ? null : undefined;
  }
}

function buildObject(shape: Readonly<Record<string, Schema>>, stack: ReadonlySet<Schema>): Built {
  const value: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(shape)) {
    const initial = build(field, stack);
    if (initial === CYCLE) return CYCLE;
    if (initial !== undefined) value[key] = initial;
  }
  return value;
}

/** The starting value of one option of a discriminated union, with `discriminator` set to `selected`. */
export function withDiscriminator(option: Schema, discriminator: string, selected: unknown): Record<string, unknown> {
  const node = fieldInfo(option).node;
  if (node.kind === 'choice') {
    // A nested union on another discriminator (conditions of type "trait" are a union on operator).
    const inner = node.options.find((candidate) => candidate.values.includes(selected)) ?? node.options[0];
    const value = inner ? withDiscriminator(inner.schema, node.discriminator, node.discriminator === discriminator ? selected : inner.values[0]) : {};
    return { ...value, [discriminator]: selected };
  }
  const built = node.kind === 'object' ? buildObject(node.shape, new Set()) : {};
  return { ...(isRecord(built) ? built : {}), [discriminator]: selected };
}

/**
 * The value after choosing another option: fields the new option also has keep what the marketer typed
 * when it still passes there (switching `equals` to `notEquals` keeps the trait and the value).
 */
export function switchChoice(node: Extract<FieldNode, { kind: 'choice' }>, current: unknown, selected: unknown): Record<string, unknown> {
  const option = node.options.find((candidate) => candidate.values.includes(selected));
  if (!option) return { ...(isRecord(current) ? current : {}), [node.discriminator]: selected };
  const fresh = withDiscriminator(option.schema, node.discriminator, selected);
  if (!isRecord(current)) return fresh;
  const shape = shapeOf(option.schema, fresh);
  for (const [key, value] of Object.entries(current)) {
    if (key === node.discriminator || value === undefined) continue;
    const field = shape[key];
    if (field && z.safeParse(field, value).success) fresh[key] = value;
  }
  return fresh;
}

/** The object shape an option renders with the given value (through nested discriminated unions). */
export function shapeOf(schema: Schema, value: unknown): Readonly<Record<string, Schema>> {
  const node = fieldInfo(schema).node;
  if (node.kind === 'object') return node.shape;
  if (node.kind === 'choice') {
    const option = choiceOptionOf(node, value);
    return option ? shapeOf(option.schema, value) : {};
  }
  return {};
}

export const pathKey = (path: Path): string => path.map(String).join('.');

/**
 * The paths the form shows a control or group for, given the value. Each issue is shown at the deepest
 * of these paths that starts its own path, so a problem is never lost (unknown paths go to the form).
 */
export function shownPaths(schema: Schema, value: unknown, path: Path = [], into = new Set<string>()): Set<string> {
  into.add(pathKey(path));
  const node = fieldInfo(schema).node;
  switch (node.kind) {
    case 'object':
      for (const [key, field] of Object.entries(node.shape)) shownPaths(field, isRecord(value) ? value[key] : undefined, [...path, key], into);
      break;
    case 'choice': {
      into.add(pathKey([...path, node.discriminator]));
      const option = choiceOptionOf(node, value);
      if (option) {
        // The option's own fields live at this path too; its discriminator is the selector added above.
        shownPaths(option.schema, value, path, into);
      }
      break;
    }
    case 'array':
      if (Array.isArray(value)) value.forEach((item, index) => shownPaths(node.element, item, [...path, index], into));
      break;
    case 'record':
      if (isRecord(value)) for (const [key, item] of Object.entries(value)) shownPaths(node.value, item, [...path, key], into);
      break;
    case 'union': {
      const option = node.options[unionOptionIndex(node.options, value)];
      if (option) shownPaths(option, value, path, into);
      break;
    }
  }
  return into;
}

export interface FieldIssue {
  path: Path;
  message: string;
}

/** Issues grouped by the path of the control or group that shows them. */
export function placeIssues(issues: readonly FieldIssue[], shown: ReadonlySet<string>): Map<string, string[]> {
  const placed = new Map<string, string[]>();
  for (const issue of issues) {
    let path = [...issue.path];
    while (path.length > 0 && !shown.has(pathKey(path))) path = path.slice(0, -1);
    const key = pathKey(path);
    const messages = placed.get(key) ?? [];
    if (!messages.includes(issue.message)) messages.push(issue.message);
    placed.set(key, messages);
  }
  return placed;
}

/** Sets `next` at `path` inside `root`, copying what it passes through; `undefined` removes an object key. */
export function setAt(root: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const list = Array.isArray(root) ? [...(root as unknown[])] : [];
    list[head] = setAt(list[head], rest, next);
    return list;
  }
  const object: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const key = String(head);
  const value = setAt(object[key], rest, next);
  if (value === undefined) delete object[key];
  else object[key] = value;
  return object;
}

export function getAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const key of path) {
    if (typeof key === 'number' && Array.isArray(current)) current = current[key];
    else if (isRecord(current)) current = current[String(key)];
    else return undefined;
  }
  return current;
}
