import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { LearnerView } from '../../../domain/learners';
import { localeSchema, type LocaleVariant, type TemplateContent, type TemplateInput, type TemplateView, type TemplateWarning } from '../../../domain/messages/templates';
import { api } from '../api/client';
import { hrefOf } from '../app/routes';
import { useWorkspaceNames } from '../segments/conditions/names';
import { messageOf, pathKey, problemsOf, type Path, type Problem } from '../segments/problems';
import '../segments/screens.css';
import { TemplatePreview } from './TemplatePreview';
import { insertAt, knownTokens } from './tokens';

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

/** Every email template, newest change first. */
export function TemplatesScreen() {
  const [templates, setTemplates] = useState<Load<TemplateView[]>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    api
      .get<{ templates: TemplateView[] }>('/api/templates')
      .then((answer) => current && setTemplates({ state: 'ready', value: [...answer.templates].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)) }))
      .catch((error: unknown) => current && setTemplates({ state: 'failed', message: messageOf(error) }));
    return () => {
      current = false;
    };
  }, []);
  return (
    <section className="screen templates" aria-labelledby="templates-heading">
      <h2 id="templates-heading">Templates</h2>
      <p>
        <a href={hrefOf({ screen: 'template', templateId: 'new' })}>New template</a>
      </p>
      {templates.state === 'loading' && <p>Loading templates…</p>}
      {templates.state === 'failed' && <p className="problem">{templates.message}</p>}
      {templates.state === 'ready' &&
        (templates.value.length === 0 ? (
          <p>No templates yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Template</th>
                <th scope="col">Subject</th>
                <th scope="col">Locales</th>
                <th scope="col">Version</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {templates.value.map((template) => (
                <tr key={template.id}>
                  <td>
                    <a href={hrefOf({ screen: 'template', templateId: template.id })}>{template.name}</a> <code>{template.id}</code>
                  </td>
                  <td>{template.subject}</td>
                  <td>{[template.locale ?? 'default', ...Object.keys(template.locales ?? {})].join(', ')}</td>
                  <td>{template.version}</td>
                  <td>{new Date(template.updatedAt).toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

/** One template ('new' for a new one): the editor with the preview beside it. */
export function TemplateScreen({ templateId }: { templateId: string }) {
  const isNew = templateId === 'new';
  const [loaded, setLoaded] = useState<Load<TemplateView | null>>(isNew ? { state: 'ready', value: null } : { state: 'loading' });
  useEffect(() => {
    if (isNew) return;
    let current = true;
    api
      .get<{ template: TemplateView }>(`/api/templates/${encodeURIComponent(templateId)}`)
      .then((answer) => current && setLoaded({ state: 'ready', value: answer.template }))
      .catch((error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }));
    return () => {
      current = false;
    };
  }, [templateId, isNew]);
  if (isNew && loaded.state === 'ready' && loaded.value !== null) return null;
  const template = isNew ? null : loaded.state === 'ready' ? loaded.value : undefined;
  return (
    <>
      <p>
        <a href={hrefOf({ screen: 'templates' })}>All templates</a>
      </p>
      {loaded.state === 'failed' && !isNew && <p className="problem">{loaded.message}</p>}
      {template === undefined ? loaded.state === 'loading' && <p>Loading template…</p> : <TemplateEditor key={template?.id ?? 'new'} template={template} />}
    </>
  );
}

type Field = 'subject' | 'html' | 'text';
const fieldLabels: Record<Field, string> = { subject: 'Subject', html: 'HTML', text: 'Plain text (optional; derived from the HTML when empty)' };
/** The tab of the template's own content; other tabs are locale tags. */
const DEFAULT_TAB = '';

const draftOf = (template: TemplateView | null): TemplateInput =>
  template ? { name: template.name, subject: template.subject, html: template.html, ...withoutUndefined({ text: template.text, locale: template.locale, defaults: template.defaults, blocks: template.blocks, locales: template.locales }) } : { name: '', subject: '', html: '' };

function withoutUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** What is saved: an empty plain text is left out so that the API derives it from the HTML. */
function bodyOf(draft: TemplateInput, id: string): TemplateInput {
  const { text, locales, ...rest } = draft;
  const cleanLocales = locales ? Object.fromEntries(Object.entries(locales).map(([tag, variant]) => [tag, variant.text ? variant : withoutText(variant)])) : undefined;
  return { ...rest, ...(text ? { text } : {}), ...(cleanLocales ? { locales: cleanLocales } : {}), ...(id ? { id } : {}) };
}

function withoutText(variant: LocaleVariant): LocaleVariant {
  const { text: _text, ...rest } = variant;
  return rest;
}

type Extra = Pick<TemplateInput, 'defaults' | 'blocks'>;

/** The defaults and blocks the JSON box holds (empty ones left out); throws when it is not JSON. */
function extraOf(advanced: string): Extra {
  const parsed = JSON.parse(advanced) as Extra;
  return withoutUndefined({ defaults: parsed.defaults && Object.keys(parsed.defaults).length > 0 ? parsed.defaults : undefined, blocks: parsed.blocks && Object.keys(parsed.blocks).length > 0 ? parsed.blocks : undefined });
}

/** What the preview renders: the content as it would be saved now, or why there is nothing to render yet. */
function previewOf(draft: TemplateInput, advanced: string): { content: TemplateContent; extra: Extra } | { content: null; unavailable: string } {
  let extra: Extra;
  try {
    extra = extraOf(advanced);
  } catch {
    return { content: null, unavailable: 'The preview waits for the defaults and blocks to be valid JSON.' };
  }
  // Both are required: an empty one would only come back as "too small", before the author has typed anything.
  if (!draft.subject.trim() || !draft.html.trim()) return { content: null, unavailable: 'Write a subject and HTML to see the preview.' };
  const { defaults: _defaults, blocks: _blocks, ...rest } = draft;
  const { name: _name, id: _id, ...content } = bodyOf({ ...rest, ...extra }, '');
  return { content, extra };
}

function TemplateEditor({ template }: { template: TemplateView | null }) {
  const ids = useId();
  const [saved, setSaved] = useState<TemplateView | null>(template);
  const [draft, setDraft] = useState<TemplateInput>(() => draftOf(template));
  const [newId, setNewId] = useState('');
  const [tab, setTab] = useState(DEFAULT_TAB);
  const [newLocale, setNewLocale] = useState('');
  const [localeProblem, setLocaleProblem] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  // Problems the live preview found in the content as edited; a save's own problems take their place.
  const [liveProblems, setLiveProblems] = useState<Problem[]>([]);
  const [warnings, setWarnings] = useState<TemplateWarning[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [previewLearner, setPreviewLearner] = useState<LearnerView | null>(null);
  const [advanced, setAdvanced] = useState(() => JSON.stringify({ defaults: template?.defaults ?? {}, blocks: template?.blocks ?? {} }, null, 2));

  const fields = useRef<Partial<Record<Field, HTMLInputElement | HTMLTextAreaElement | null>>>({});
  const lastField = useRef<Field>('html');
  const [caret, setCaret] = useState<{ field: Field; at: number } | null>(null);
  // After an insertion the field keeps the focus with the caret just after the token, ready to type on.
  useLayoutEffect(() => {
    if (!caret) return;
    const element = fields.current[caret.field];
    element?.focus();
    element?.setSelectionRange(caret.at, caret.at);
  }, [caret]);

  const locales = Object.keys(draft.locales ?? {});
  const content = (field: Field): string => (tab === DEFAULT_TAB ? (draft[field] ?? '') : (draft.locales?.[tab]?.[field] ?? ''));
  const pathOf = (field: Field): Path => (tab === DEFAULT_TAB ? [field] : ['locales', tab, field]);
  const setContent = (field: Field, value: string) => {
    if (tab === DEFAULT_TAB) return setDraft({ ...draft, [field]: value });
    const variant = draft.locales?.[tab] ?? { subject: '', html: '' };
    setDraft({ ...draft, locales: { ...draft.locales, [tab]: { ...variant, [field]: value } } });
  };

  const preview = useMemo(() => previewOf(draft, advanced), [draft, advanced]);
  const workspace = useWorkspaceNames();
  const blocks = preview.content ? preview.extra.blocks : draft.blocks;
  const tokens = useMemo(() => knownTokens([...workspace.traits, ...(previewLearner ? Object.keys(previewLearner.traits) : [])], blocks), [workspace.traits, previewLearner, blocks]);
  const insert = (liquid: string) => {
    const field = lastField.current;
    const element = fields.current[field];
    const value = content(field);
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? start;
    const next = insertAt(value, liquid, start, end);
    setContent(field, next.text);
    setCaret({ field, at: next.caret });
  };

  const addLocale = () => {
    const parsed = localeSchema.safeParse(newLocale.trim());
    if (!parsed.success) return setLocaleProblem(parsed.error.issues[0]?.message ?? 'not a language tag');
    if (locales.includes(parsed.data)) return setLocaleProblem(`${parsed.data} exists already`);
    setLocaleProblem(null);
    // A translation starts as a copy of the template's own content, so that it renders at once.
    setDraft({ ...draft, locales: { ...draft.locales, [parsed.data]: { subject: draft.subject, html: draft.html, ...(draft.text ? { text: draft.text } : {}) } } });
    setTab(parsed.data);
    setNewLocale('');
  };
  const removeLocale = (tag: string) => {
    const { [tag]: _removed, ...rest } = draft.locales ?? {};
    const { locales: _locales, ...withoutLocales } = draft;
    setDraft(Object.keys(rest).length > 0 ? { ...draft, locales: rest } : withoutLocales);
    setTab(DEFAULT_TAB);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    let extra: Extra;
    try {
      extra = extraOf(advanced);
    } catch (error) {
      setProblems([{ path: ['advanced'], message: `Not valid JSON: ${messageOf(error)}` }]);
      return;
    }
    const { defaults: _defaults, blocks: _blocks, ...rest } = draft;
    const body = bodyOf({ ...rest, ...extra }, saved ? '' : newId.trim());
    setBusy(true);
    setStatus(null);
    setProblems([]);
    try {
      const answer = saved
        ? await api.put<{ template: TemplateView; warnings: TemplateWarning[] }>(`/api/templates/${encodeURIComponent(saved.id)}`, body)
        : await api.post<{ template: TemplateView; warnings: TemplateWarning[] }>('/api/templates', body);
      setWarnings(answer.warnings);
      setSaved(answer.template);
      setDraft({ ...draft, ...extra });
      setStatus(`Saved version ${answer.template.version}${answer.warnings.length > 0 ? ` with ${answer.warnings.length} warning${answer.warnings.length === 1 ? '' : 's'}` : ''}.`);
      if (!saved) window.location.hash = hrefOf({ screen: 'template', templateId: answer.template.id });
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const shown = problems.length > 0 ? problems : liveProblems;
  const problemsAt = (path: Path) => shown.filter((problem) => pathKey(problem.path) === pathKey(path));
  const warningsAt = (path: Path) => warnings.filter((warning) => pathKey(warning.path) === pathKey(path));
  const tabCount = (tag: string) => shown.filter((problem) => (tag === DEFAULT_TAB ? problem.path.length === 1 && ['subject', 'html', 'text'].includes(String(problem.path[0])) : problem.path[0] === 'locales' && problem.path[1] === tag)).length;
  const placed = new Set(['name', 'id', 'advanced', 'subject', 'html', 'text']);
  const elsewhere = shown.filter((problem) => !(placed.has(String(problem.path[0])) && problem.path.length === 1) && !(problem.path[0] === 'locales' && problem.path.length === 3 && locales.includes(String(problem.path[1]))));

  return (
    <div className="template-screen">
      <form className="template-editor" onSubmit={save} aria-labelledby={`${ids}-heading`}>
        <h2 id={`${ids}-heading`}>{saved ? `Template: ${saved.name}` : 'New template'}</h2>
        {saved && (
          <p className="hint">
            <code>{saved.id}</code> · version {saved.version}
          </p>
        )}
        <Input label="Name" value={draft.name} onChange={(name) => setDraft({ ...draft, name })} problems={problemsAt(['name'])} />
        {!saved && <Input label="Id (optional; a slug of the name by default)" value={newId} onChange={setNewId} problems={problemsAt(['id'])} />}

        <div role="tablist" aria-label="Content by locale" className="tabs">
          {[DEFAULT_TAB, ...locales].map((tag) => (
            <button key={tag || 'default'} type="button" role="tab" id={`${ids}-tab-${tag || 'default'}`} aria-selected={tab === tag} aria-controls={`${ids}-panel`} onClick={() => setTab(tag)}>
              {tag || `Default${draft.locale ? ` (${draft.locale})` : ''}`}
              {tabCount(tag) > 0 && <span className="badge" aria-label={`${tabCount(tag)} problems`}> {tabCount(tag)}</span>}
            </button>
          ))}
        </div>
        <div className="add-locale">
          <label htmlFor={`${ids}-locale`}>New locale</label> <input id={`${ids}-locale`} value={newLocale} placeholder="fr or fr-CA" onChange={(event) => setNewLocale(event.target.value)} aria-invalid={localeProblem ? true : undefined} aria-describedby={`${ids}-locale-problem`} />{' '}
          <button type="button" onClick={addLocale}>
            Add locale
          </button>
          {localeProblem && (
            <span id={`${ids}-locale-problem`} className="field-problem" role="alert">
              {localeProblem}
            </span>
          )}
        </div>

        <div role="tabpanel" id={`${ids}-panel`} aria-labelledby={`${ids}-tab-${tab || 'default'}`} className="tab-panel">
          {tab !== DEFAULT_TAB && (
            <button type="button" onClick={() => removeLocale(tab)}>
              Remove locale {tab}
            </button>
          )}
          {(['subject', 'html', 'text'] as const).map((field) => (
            <ContentField
              key={`${tab}-${field}`}
              field={field}
              value={content(field)}
              onChange={(value) => setContent(field, value)}
              problems={problemsAt(pathOf(field))}
              warnings={warningsAt(pathOf(field))}
              register={(element) => {
                fields.current[field] = element;
              }}
              onFocus={() => {
                lastField.current = field;
              }}
            />
          ))}
        </div>

        <fieldset className="tokens">
          <legend>Insert personalisation</legend>
          <p className="hint">Inserted at the cursor of the last field you were in.</p>
          {(['Learner', 'Journey and activity', 'Blocks'] as const).map((group) => {
            const inGroup = tokens.filter((token) => token.group === group);
            if (inGroup.length === 0) return null;
            return (
              <div key={group} role="group" aria-label={group}>
                <h4>{group}</h4>
                {inGroup.map((token) => (
                  <button key={token.liquid} type="button" aria-label={`Insert ${token.label}`} onClick={() => insert(token.liquid)}>
                    {token.label}
                  </button>
                ))}
              </div>
            );
          })}
        </fieldset>

        <details>
          <summary>Defaults and content blocks (JSON)</summary>
          <label htmlFor={`${ids}-advanced`}>Defaults and blocks</label>
          <textarea id={`${ids}-advanced`} rows={10} value={advanced} onChange={(event) => setAdvanced(event.target.value)} aria-describedby={`${ids}-advanced-problem`} />
          <ProblemLines id={`${ids}-advanced-problem`} problems={problemsAt(['advanced'])} />
        </details>

        {elsewhere.length > 0 && (
          <ul className="problem" role="alert" aria-label="Other problems">
            {elsewhere.map((problem, index) => (
              <li key={index}>
                {problem.path.length > 0 && <code>{pathKey(problem.path)}</code>} {problem.message}
              </li>
            ))}
          </ul>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : saved ? 'Save new version' : 'Create template'}
        </button>
        {status && <p role="status">{status}</p>}
        {warnings.length > 0 && (
          <ul className="warnings" aria-label="Warnings">
            {warnings.map((warning, index) => (
              <li key={index}>
                <code>{pathKey(warning.path)}</code>
                {warning.line ? ` line ${warning.line}` : ''}: {warning.message}
              </li>
            ))}
          </ul>
        )}
      </form>
      <TemplatePreview
        content={preview.content}
        unavailable={preview.content ? undefined : preview.unavailable}
        locales={locales}
        learner={previewLearner}
        onLearner={setPreviewLearner}
        onProblems={setLiveProblems}
      />
    </div>
  );
}

function Input({ label, value, onChange, problems }: { label: string; value: string; onChange: (value: string) => void; problems: readonly Problem[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={problems.length > 0 || undefined} aria-describedby={`${id}-problem`} />
      <ProblemLines id={`${id}-problem`} problems={problems} />
    </div>
  );
}

/** A Liquid field; problems and warnings name their line, as the API reports them. */
function ContentField({
  field,
  value,
  onChange,
  problems,
  warnings,
  register,
  onFocus,
}: {
  field: Field;
  value: string;
  onChange: (value: string) => void;
  problems: readonly Problem[];
  warnings: readonly TemplateWarning[];
  register: (element: HTMLInputElement | HTMLTextAreaElement | null) => void;
  onFocus: () => void;
}) {
  const id = useId();
  const common = {
    id,
    value,
    onFocus,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    'aria-invalid': problems.length > 0 || undefined,
    'aria-describedby': `${id}-problem ${id}-warning`,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{fieldLabels[field]}</label>
      {field === 'subject' ? <input {...common} ref={register} /> : <textarea {...common} ref={register} rows={field === 'html' ? 14 : 6} spellCheck={false} />}
      <ProblemLines id={`${id}-problem`} problems={problems} />
      {warnings.length > 0 && (
        <ul id={`${id}-warning`} className="warnings">
          {warnings.map((warning, index) => (
            <li key={index}>
              Warning{warning.line ? ` (line ${warning.line}${warning.column ? `, column ${warning.column}` : ''})` : ''}: {warning.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ProblemLines({ id, problems }: { id: string; problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul id={id} className="field-problem" role="alert">
      {problems.map((problem, index) => (
        // The API's syntax message starts with the line already; say it only when it does not.
        <li key={index}>{problem.line && !/^line \d+/.test(problem.message) ? `Line ${problem.line}: ${problem.message}` : problem.message}</li>
      ))}
    </ul>
  );
}
