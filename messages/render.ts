import { Liquid, type Template } from 'liquidjs';
import type { FieldIssue } from '../domain/errors';
import {
  templateVariableRoots,
  type BlockContent,
  type ContentBlocks,
  type TemplateContent,
  type TemplateDefaults,
  type TemplateWarning,
} from '../domain/messages/templates';
import { ownValue, setOwn } from '../domain/segments/own';
import type { RenderContext } from './renderContext';

export type { RenderContext } from './renderContext';

// `templates: {}` keeps {% include %} / {% render %} / {% layout %} away from the file system; the
// limits stop a template (e.g. a loop over 1..1e9) from holding a worker.
const common = { strictFilters: true, ownPropertyOnly: true, templates: {}, parseLimit: 1_000_000, renderLimit: 2_000, memoryLimit: 20_000_000 } as const;
// HTML output is escaped: traits and event properties come from outside and must not inject markup.
const engines = { html: new Liquid({ ...common, outputEscape: 'escape' }), text: new Liquid(common) };
type EngineKind = keyof typeof engines;

const PARSE_CACHE_LIMIT = 2_000;
const parsed = new Map<string, Template[]>();

/** Parses once per source text (saved versions never change, so sends reuse the parse). */
function parse(kind: EngineKind, source: string): Template[] {
  const key = `${kind}\u0000${source}`;
  let templates = parsed.get(key);
  if (!templates) {
    templates = engines[kind].parse(source);
    if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
    parsed.set(key, templates);
  }
  return templates;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** The translation used; the template's own locale when none was. */
  locale?: string;
  /** The block variants shown, `<block>:<segmentId|default>` joined by commas; absent without blocks. */
  variant?: string;
}

/** A template that parsed at save but fails for this data (limits, a filter refusing its input). */
export class TemplateRenderError extends Error {
  override name = 'TemplateRenderError';
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(`${path.join('.')}: ${message}`);
  }
}

/** A plain-text part for mail clients that show no HTML: tags dropped, links and paragraphs kept readable. */
export function textFromHtml(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, '$2 ($1)')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&(quot|#34);/g, '"')
    .replace(/&(apos|#39);/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

// ————— the Liquid a template holds —————

const blockFields = ['headline', 'imageUrl', 'ctaLabel', 'ctaUrl'] as const;
const blockVariables = new Set<string>([...blockFields, 'segmentId']);

interface LiquidSource {
  path: (string | number)[];
  source: string;
  kind: EngineKind;
  /** Block fields render before the blocks exist, so they cannot read `blocks.*`. */
  inBlock: boolean;
  /** Blocks `blocks.<name>` may name here. */
  blocks: ReadonlySet<string>;
}

function blockSources(blocks: ContentBlocks | undefined, at: (string | number)[]): LiquidSource[] {
  const sources: LiquidSource[] = [];
  const none = new Set<string>();
  const add = (content: BlockContent, path: (string | number)[]) => {
    for (const field of blockFields) {
      const source = content[field];
      if (source) sources.push({ path: [...path, field], source, kind: 'text', inBlock: true, blocks: none });
    }
  };
  for (const [name, block] of Object.entries(blocks ?? {})) {
    block.variants.forEach((variant, index) => add(variant, [...at, 'blocks', name, 'variants', index]));
    add(block.default, [...at, 'blocks', name, 'default']);
  }
  return sources;
}

/** Every piece of Liquid in a template, with where it sits and how it renders. */
function liquidSources(content: TemplateContent): LiquidSource[] {
  const own = new Set(Object.keys(content.blocks ?? {}));
  const message = (parts: { subject: string; html: string; text?: string }, at: (string | number)[], blocks: ReadonlySet<string>): LiquidSource[] => [
    { path: [...at, 'subject'], source: parts.subject, kind: 'text', inBlock: false, blocks },
    { path: [...at, 'html'], source: parts.html, kind: 'html', inBlock: false, blocks },
    ...(parts.text ? [{ path: [...at, 'text'], source: parts.text, kind: 'text' as const, inBlock: false, blocks }] : []),
  ];
  return [
    ...message(content, [], own),
    ...blockSources(content.blocks, []),
    ...Object.entries(content.locales ?? {}).flatMap(([tag, variant]) => [
      ...message(variant, ['locales', tag], new Set([...own, ...Object.keys(variant.blocks ?? {})])),
      ...blockSources(variant.blocks, ['locales', tag]),
    ]),
  ];
}

// ————— checking at save —————

export interface TemplateIssue extends FieldIssue {
  line?: number;
  column?: number;
}

export interface TemplateCheck {
  /** Refuse the save. */
  errors: TemplateIssue[];
  /** Save, and tell the author. */
  warnings: TemplateWarning[];
}

const POSITION = /,? line:(\d+), col:(\d+)$/;

function syntaxIssue(path: (string | number)[], error: unknown, partial: boolean): TemplateIssue {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
  const position = POSITION.exec(first);
  const what = partial ? 'templates cannot include other templates ({% include %}, {% render %}, {% layout %})' : first.replace(POSITION, '');
  const line = position ? Number(position[1]) : undefined;
  const column = position ? Number(position[2]) : undefined;
  return { path, code: 'invalid_template', message: line ? `line ${line}, column ${column}: ${what}` : what, ...(line ? { line, column } : {}) };
}

const roots = new Set(Object.keys(templateVariableRoots));

function unknownVariable(source: LiquidSource, segments: readonly unknown[], defaultRoots: ReadonlySet<string>): Pick<TemplateWarning, 'code' | 'message'> | undefined {
  const [root, name, field] = segments;
  if (typeof root !== 'string') return undefined;
  if (root === 'blocks') {
    if (source.inBlock) return { code: 'unknown_variable', message: 'a block cannot read other blocks' };
    if (typeof name !== 'string') return undefined;
    if (!source.blocks.has(name)) return { code: 'unknown_block', message: `the template has no block "${name}"` };
    if (typeof field === 'string' && !blockVariables.has(field)) return { code: 'unknown_variable', message: `blocks have ${[...blockVariables].join(', ')}, not ${field}` };
    return undefined;
  }
  if (roots.has(root) || defaultRoots.has(root)) return undefined;
  return { code: 'unknown_variable', message: `${root} is not a template variable (${[...roots].join(', ')} or a name in defaults); it renders empty` };
}

/**
 * Parses all the Liquid of a template. Syntax errors (with line and column, on the field) refuse the
 * save; variables outside the known roots and segments that do not exist (when `segments` is given)
 * are warnings, because a template may be written before the data or segment it reads.
 */
export function checkTemplate(content: TemplateContent, options: { segments?: ReadonlySet<string> } = {}): TemplateCheck {
  const errors: TemplateIssue[] = [];
  const warnings: TemplateWarning[] = [];
  const defaultRoots = new Set(Object.keys(content.defaults ?? {}).map((path) => path.split('.')[0]!));
  for (const key of Object.keys(content.defaults ?? {})) {
    if (key.split('.')[0] === 'blocks') errors.push({ path: ['defaults', key], code: 'invalid_default', message: 'blocks take their defaults from each block\'s default content' });
  }
  for (const source of liquidSources(content)) {
    let templates: Template[];
    try {
      templates = parse(source.kind, source.source);
    } catch (error) {
      errors.push(syntaxIssue(source.path, error, false));
      continue;
    }
    let globals: Record<string, { segments: unknown[]; location: { row: number; col: number } }[]>;
    try {
      globals = engines[source.kind].analyzeSync(templates, { partials: true }).globals;
    } catch (error) {
      errors.push(syntaxIssue(source.path, error, true));
      continue;
    }
    const seen = new Set<string>();
    for (const variables of Object.values(globals)) {
      for (const variable of variables) {
        const problem = unknownVariable(source, variable.segments, defaultRoots);
        const name = String(variable);
        if (!problem || seen.has(name)) continue;
        seen.add(name);
        warnings.push({ path: source.path, ...problem, variable: name, line: variable.location.row, column: variable.location.col });
      }
    }
  }
  if (options.segments) {
    const variantsOf = (blocks: ContentBlocks | undefined, at: (string | number)[]) =>
      Object.entries(blocks ?? {}).flatMap(([name, block]) => block.variants.map((variant, index) => ({ segmentId: variant.segmentId, path: [...at, 'blocks', name, 'variants', index, 'segmentId'] })));
    const variants = [...variantsOf(content.blocks, []), ...Object.entries(content.locales ?? {}).flatMap(([tag, variant]) => variantsOf(variant.blocks, ['locales', tag]))];
    for (const { segmentId, path } of variants) {
      if (!options.segments.has(segmentId)) warnings.push({ path, code: 'unknown_segment', message: `segment ${segmentId} does not exist (yet); this variant is shown to nobody` });
    }
  }
  return { errors, warnings };
}

// ————— rendering —————

const missing = (value: unknown) => value === undefined || value === null || value === '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The scope with each default filled in where its variable has no value; objects on the way are copied, not changed. */
export function applyDefaults(scope: Record<string, unknown>, defaults: TemplateDefaults | undefined): Record<string, unknown> {
  const result = { ...scope };
  for (const [path, value] of Object.entries(defaults ?? {})) {
    const names = path.split('.');
    let target = result;
    let reachable = true;
    for (const name of names.slice(0, -1)) {
      const next = ownValue(target, name);
      if (missing(next)) {
        const created = {};
        setOwn(target, name, created);
        target = created;
      } else if (isRecord(next)) {
        const copy = { ...next };
        setOwn(target, name, copy);
        target = copy;
      } else {
        // A scalar where the path expects an object: the variable cannot be missing.
        reachable = false;
        break;
      }
    }
    const last = names[names.length - 1]!;
    if (reachable && missing(ownValue(target, last))) setOwn(target, last, value);
  }
  return result;
}

const normalTag = (tag: string) => tag.replace(/_/g, '-').toLowerCase();

/** The translation for a language tag: the exact tag, then ever shorter prefixes (fr-CA → fr); undefined → the template's own content. */
export function pickLocale(available: readonly string[], wanted: string | undefined): string | undefined {
  if (!wanted) return undefined;
  const byTag = new Map(available.map((tag) => [normalTag(tag), tag]));
  const parts = normalTag(wanted).split('-');
  for (let length = parts.length; length > 0; length -= 1) {
    const found = byTag.get(parts.slice(0, length).join('-'));
    if (found) return found;
  }
  return undefined;
}

async function renderSource(kind: EngineKind, source: string, scope: Record<string, unknown>, path: (string | number)[]): Promise<string> {
  try {
    return await engines[kind].render(parse(kind, source), scope);
  } catch (error) {
    throw new TemplateRenderError(path, (error instanceof Error ? error.message : String(error)).split('\n')[0]!);
  }
}

export interface RenderOptions {
  /** Overrides the learner's `locale` / `language` trait. */
  locale?: string;
}

/**
 * Renders a template for one learner: the translation their locale asks for (with fallback), defaults
 * filled in, each block's variant chosen by segment membership (the first variant whose segment holds
 * them) and rendered, then subject, HTML and text (derived from the HTML when the template has none).
 */
export async function renderTemplate(content: TemplateContent, context: RenderContext, options: RenderOptions = {}): Promise<RenderedEmail> {
  const trait = (name: string) => {
    const value = ownValue(context.learner, name);
    return typeof value === 'string' && value ? value : undefined;
  };
  const tag = pickLocale(Object.keys(content.locales ?? {}), options.locale ?? trait('locale') ?? trait('language'));
  const translation = tag ? content.locales![tag]! : undefined;
  const message = translation ?? content;
  const at: (string | number)[] = tag ? ['locales', tag] : [];

  const scope = applyDefaults({ learner: context.learner, event: context.event, segments: context.segments, interests: context.interests, activity: context.activity }, content.defaults);
  const memberOf = new Set(context.segments);
  const blocks: Record<string, Record<string, string>> = {};
  const chosen: string[] = [];
  const allBlocks = Object.entries({ ...content.blocks, ...translation?.blocks });
  for (const [name, block] of allBlocks) {
    const index = block.variants.findIndex((variant) => memberOf.has(variant.segmentId));
    const picked: BlockContent & { segmentId?: string } = index >= 0 ? block.variants[index]! : block.default;
    const where = [...(translation?.blocks && Object.hasOwn(translation.blocks, name) ? at : []), 'blocks', name, ...(index >= 0 ? ['variants', index] : ['default'])];
    const rendered: Record<string, string> = {};
    for (const field of blockFields) {
      const source = picked[field];
      if (source) setOwn(rendered, field, (await renderSource('text', source, scope, [...where, field])).trim());
    }
    if (picked.segmentId) rendered.segmentId = picked.segmentId;
    setOwn(blocks, name, rendered);
    chosen.push(`${name}:${picked.segmentId ?? 'default'}`);
  }
  const full = { ...scope, blocks };
  const [subject, html, text] = await Promise.all([
    renderSource('text', message.subject, full, [...at, 'subject']),
    renderSource('html', message.html, full, [...at, 'html']),
    message.text ? renderSource('text', message.text, full, [...at, 'text']) : undefined,
  ]);
  const locale = tag ?? content.locale;
  return {
    // Header lines must stay one line whatever a trait holds.
    subject: subject.replace(/\s+/g, ' ').trim(),
    html,
    text: text ?? textFromHtml(html),
    ...(locale ? { locale } : {}),
    ...(chosen.length > 0 ? { variant: chosen.join(',') } : {}),
  };
}
