import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LearnerView } from '../../../domain/learners';
import type { RenderedPreview, TemplateContent, TemplateTestSend } from '../../../domain/messages/templates';
import { api } from '../api/client';
import { LearnerPicker } from '../learners/LearnerPicker';
import { displayName } from '../learners/learnerSearch';
import { isUnder, pathKey, problemsOf, type Problem } from '../segments/problems';

/** How long editing must pause before the edits are rendered: one request per pause, not per key. */
export const PREVIEW_DEBOUNCE_MS = 400;

type Answer = { preview: RenderedPreview; problems?: undefined } | { preview?: undefined; problems: Problem[] };

/** Problems the API names under the body's `template`, moved onto the editor's own paths (`template.html` → `html`). */
export const templateProblems = (problems: readonly Problem[]): Problem[] => problems.filter((problem) => isUnder(problem.path, ['template']) && problem.path.length > 1).map((problem) => ({ ...problem, path: problem.path.slice(1) }));

/** Whom the preview and a test send render for: the chosen learner, or sample data (the template's defaults). */
const renderData = (learner: LearnerView | null, locale: string) => ({ ...(learner ? { learnerId: learner.learnerId } : { sample: {} }), ...(locale ? { locale } : {}) });

/**
 * The editor's content as it stands — saved or not — rendered by the API for a chosen learner (or the
 * template's defaults as sample data) once editing pauses, in a sandboxed frame: no scripts, no
 * same-origin access, whatever the template holds. Problems with the content itself go back to the
 * editor (`onProblems`) to be shown on their fields. A test send mails exactly what is previewed.
 */
export function TemplatePreview({
  content,
  unavailable,
  locales,
  learner,
  onLearner,
  onProblems,
}: {
  /** What to render; null while it cannot be (`unavailable` says why). */
  content: TemplateContent | null;
  unavailable?: string;
  locales: readonly string[];
  learner: LearnerView | null;
  onLearner: (learner: LearnerView | null) => void;
  onProblems: (problems: Problem[]) => void;
}) {
  const ids = useId();
  const [locale, setLocale] = useState('');
  const [answer, setAnswer] = useState<{ key: string; answer: Answer } | null>(null);
  const body = content ? JSON.stringify({ template: content, ...renderData(learner, locale) }) : null;
  useEffect(() => {
    if (!body) return;
    let current = true;
    const timer = setTimeout(() => {
      api
        .post<RenderedPreview>('/api/templates/preview', JSON.parse(body))
        .then((preview) => {
          if (!current) return;
          setAnswer({ key: body, answer: { preview } });
          onProblems([]);
        })
        .catch((error: unknown) => {
          if (!current) return;
          const problems = problemsOf(error);
          setAnswer({ key: body, answer: { problems } });
          onProblems(templateProblems(problems));
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, onProblems]);
  // An answer for other content or settings is stale: the preview is rendering until the one for these arrives.
  const result = body && answer?.key === body ? answer.answer : null;
  return (
    <section className="template-preview" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Preview</h3>
      <p className="hint">Shows the content as edited, saved or not.</p>
      <p>
        For: <strong>{learner ? displayName(learner) : 'sample data (the template defaults)'}</strong>{' '}
        {learner && (
          <button type="button" onClick={() => onLearner(null)}>
            Use sample data
          </button>
        )}
      </p>
      <LearnerPicker label="Preview for learner" onPick={onLearner} />
      <label htmlFor={`${ids}-locale`}>Preview locale</label>{' '}
      <select id={`${ids}-locale`} value={locale} onChange={(event) => setLocale(event.target.value)}>
        <option value="">{learner ? "the learner's own" : 'default'}</option>
        {locales.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      <div aria-live="polite" aria-busy={content !== null && result === null}>
        {!content && <p className="hint">{unavailable}</p>}
        {content && result === null && <p>Rendering…</p>}
        {result?.problems && (
          <ul className="problem" role="alert" aria-label="Preview problems">
            {result.problems.map((problem, index) => (
              <li key={index}>
                {problem.path.length > 0 && <code>{pathKey(isUnder(problem.path, ['template']) ? problem.path.slice(1) : problem.path)}</code>} {problem.message}
              </li>
            ))}
          </ul>
        )}
        {result?.preview && (
          <>
            <p>
              Subject: <strong data-testid="preview-subject">{result.preview.subject}</strong>
              {result.preview.locale && <span className="hint"> · locale {result.preview.locale}</span>}
            </p>
            <iframe title="Email preview" sandbox="" srcDoc={result.preview.html} className="preview-frame" />
            <details>
              <summary>Plain-text part</summary>
              <pre>{result.preview.text}</pre>
            </details>
            {result.preview.warnings.length > 0 && (
              <ul className="warnings" aria-label="Preview warnings">
                {result.preview.warnings.map((warning, index) => (
                  <li key={index}>
                    {warning.path.join('.')}
                    {warning.line ? ` line ${warning.line}` : ''}: {warning.message}
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <TestSend content={content} data={renderData(learner, locale)} />
    </section>
  );
}

/** Mails the previewed content to one address, "[Test] " before the subject; nothing is tracked or recorded. */
function TestSend({ content, data }: { content: TemplateContent | null; data: ReturnType<typeof renderData> }) {
  const ids = useId();
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!content) return;
    setBusy(true);
    setSent(null);
    setProblems([]);
    try {
      const answer = await api.post<TemplateTestSend>('/api/templates/test-send', { to: to.trim(), template: content, ...data });
      setSent(`Sent a test to ${answer.to}: “${answer.subject}”.`);
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };
  const atTo = problems.filter((problem) => pathKey(problem.path) === 'to');
  const elsewhere = problems.filter((problem) => pathKey(problem.path) !== 'to');
  return (
    // noValidate: the API checks the address and its answer is shown beside the field, like every other problem.
    <form className="test-send" noValidate onSubmit={(event) => void send(event)} aria-labelledby={`${ids}-heading`}>
      <h4 id={`${ids}-heading`}>Send a test</h4>
      <p className="hint">Mails what the preview shows to one address, “[Test]” before the subject; not tracked, not counted as a send.</p>
      <label htmlFor={`${ids}-to`}>Test address</label>
      <input
        id={`${ids}-to`}
        type="email"
        value={to}
        placeholder="you@example.com"
        onChange={(event) => setTo(event.target.value)}
        aria-invalid={atTo.length > 0 || undefined}
        aria-describedby={`${ids}-to-problem`}
      />
      {atTo.length > 0 && (
        <span id={`${ids}-to-problem`} className="field-problem" role="alert">
          {atTo.map((problem) => problem.message).join('; ')}
        </span>
      )}
      <button type="submit" disabled={busy || !content || !to.trim()}>
        {busy ? 'Sending…' : 'Send test'}
      </button>
      {sent && <p role="status">{sent}</p>}
      {elsewhere.length > 0 && (
        <ul className="problem" role="alert" aria-label="Test send problems">
          {elsewhere.map((problem, index) => (
            <li key={index}>
              {problem.path.length > 0 && <code>{pathKey(isUnder(problem.path, ['template']) ? problem.path.slice(1) : problem.path)}</code>} {problem.message}
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}
