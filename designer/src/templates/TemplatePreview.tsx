import { useEffect, useId, useState } from 'react';
import type { LearnerView } from '../../../domain/learners';
import type { TemplatePreview as Preview } from '../../../domain/messages/templates';
import { api } from '../api/client';
import { LearnerPicker } from '../learners/LearnerPicker';
import { displayName } from '../learners/learnerSearch';
import { problemsOf, type Problem } from '../segments/problems';

type Answer = { preview: Preview; problems?: undefined } | { preview?: undefined; problems: Problem[] };

/**
 * The saved version rendered by the API for a chosen learner (or the template's defaults as sample
 * data), in a sandboxed frame: no scripts, no same-origin access, whatever the template holds.
 */
export function TemplatePreview({ templateId, version, locales, learner, onLearner }: { templateId: string; version: number; locales: readonly string[]; learner: LearnerView | null; onLearner: (learner: LearnerView | null) => void }) {
  const ids = useId();
  const [locale, setLocale] = useState('');
  const [answer, setAnswer] = useState<{ key: string; answer: Answer } | null>(null);
  const learnerId = learner?.learnerId;
  const body = JSON.stringify({ ...(learnerId ? { learnerId } : { sample: {} }), ...(locale ? { locale } : {}), version });
  const key = `${templateId} ${body}`;
  useEffect(() => {
    let current = true;
    api
      .post<Preview>(`/api/templates/${encodeURIComponent(templateId)}/preview`, JSON.parse(body))
      .then((preview) => current && setAnswer({ key, answer: { preview } }))
      .catch((error: unknown) => current && setAnswer({ key, answer: { problems: problemsOf(error) } }));
    return () => {
      current = false;
    };
  }, [templateId, body, key]);
  // An answer for other settings is stale: the preview is loading until the one for these arrives.
  const result = answer?.key === key ? answer.answer : null;
  return (
    <section className="template-preview" aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Preview of version {version}</h3>
      <p className="hint">Renders the saved version: save to see changes.</p>
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
      <div aria-live="polite" aria-busy={result === null}>
        {result === null && <p>Rendering…</p>}
        {result?.problems && (
          <ul className="problem" role="alert">
            {result.problems.map((problem, index) => (
              <li key={index}>{problem.message}</li>
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
    </section>
  );
}
