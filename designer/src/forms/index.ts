// Generic forms driven by the zod schemas the server validates with.
export { SchemaForm, type FieldChoice, type FieldLabels, type FieldOptions, type SchemaFormProps } from './SchemaForm';
export { initialValueOf, type FieldIssue, type Path } from './model';
export { humanize, optionLabel } from './labels';
