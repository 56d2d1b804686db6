/**
 * Field and option labels derived from schema names, so a schema needs no copy of its own to get a
 * readable form. `.describe()` / `.meta({ title })` and the form's `labels` prop take precedence.
 */

const acronyms: Record<string, string> = { url: 'URL', id: 'ID', utm: 'UTM', html: 'HTML', ab: 'A/B', ip: 'IP', api: 'API' };

/** Names in the domain schemas whose plain reading would puzzle a marketer: a label and one item's label. */
const known: Record<string, { label: string; item?: string }> = {
  where: { label: 'Only when', item: 'Filter' },
  set: { label: 'Set traits', item: 'Trait' },
  unset: { label: 'Clear traits', item: 'Trait' },
  addTags: { label: 'Add tags', item: 'Tag' },
  removeTags: { label: 'Remove tags', item: 'Tag' },
  activityEvents: { label: 'Activity events', item: 'Event' },
  values: { label: 'Values', item: 'Value' },
  max: { label: 'Maximum' },
  min: { label: 'Minimum' },
};

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

function sentence(parts: string[]): string {
  const text = parts.map((word) => acronyms[word] ?? word).join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `fallbackTimezone` → "Fallback timezone"; `templateId` → "Template" (the id is what the control picks). */
export function humanize(name: string): string {
  if (known[name]) return known[name].label;
  const parts = words(name);
  if (parts.length > 1 && parts[parts.length - 1] === 'id') parts.pop();
  return sentence(parts);
}

/** The label of one item of a list called `name`: `variants` → "Variant", `branches` → "Branch". */
export function singular(name: string): string {
  const item = known[name]?.item;
  if (item) return item;
  const label = humanize(name);
  if (/(ch|sh|x|ss)es$/i.test(label)) return label.slice(0, -2);
  if (/ies$/i.test(label)) return `${label.slice(0, -3)}y`;
  if (/[^s]s$/i.test(label)) return label.slice(0, -1);
  return label;
}

const optionWords: Record<string, string> = {
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  equals: 'equals',
  notEquals: 'does not equal',
  in: 'is one of',
  notIn: 'is none of',
  exists: 'is set',
  notExists: 'is not set',
  atLeast: 'at least',
  atMost: 'at most',
  yesNo: 'yes / no',
};

/** How an enum value or discriminator reads in a select. */
export function optionLabel(value: unknown): string {
  if (typeof value !== 'string') return String(value);
  return optionWords[value] ?? sentence(words(value));
}
