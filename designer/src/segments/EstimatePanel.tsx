import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { estimateSchema, ruleWarningSchema } from '../../../domain/segments/definition';
import type { SegmentRule } from '../../../domain/segments/rules';
import { api } from '../api/client';
import { hrefOf } from '../app/routes';
import { problemsOf, type Problem } from './problems';
import { hasEmptyGroup } from './ruleModel';

export type Estimate = z.infer<typeof estimateSchema>;
export type RuleWarning = z.infer<typeof ruleWarningSchema>;

export type EstimateState =
  | { state: 'incomplete' }
  | { state: 'loading'; previous?: Estimate }
  | { state: 'done'; estimate: Estimate; warnings: RuleWarning[] }
  | { state: 'invalid'; problems: Problem[] }
  | { state: 'failed'; message: string };

/** How long the rule must stay unchanged before it is estimated: typing a name is one request, not one per key. */
export const ESTIMATE_DEBOUNCE_MS = 400;

/**
 * The live estimate of the rule being edited. Each change waits for the debounce; an answer for a
 * rule that has since changed is dropped, so the panel always shows the rule on screen.
 */
export function useEstimate(rule: SegmentRule): EstimateState {
  const [result, setResult] = useState<EstimateState>({ state: 'loading' });
  const incomplete = hasEmptyGroup(rule.condition);
  const body = JSON.stringify({ rule });
  useEffect(() => {
    if (incomplete) return;
    let current = true;
    const timer = setTimeout(() => {
      setResult((previous) => ({ state: 'loading', ...(previous.state === 'done' ? { previous: previous.estimate } : {}) }));
      api
        .post<{ estimate: Estimate; warnings: RuleWarning[] }>('/api/segments/estimate', JSON.parse(body))
        .then((answer) => current && setResult({ state: 'done', estimate: answer.estimate, warnings: answer.warnings }))
        .catch((error: unknown) => {
          if (!current) return;
          const problems = problemsOf(error);
          setResult(problems.some((problem) => problem.path.length > 0) ? { state: 'invalid', problems } : { state: 'failed', message: problems[0]?.message ?? 'The estimate failed' });
        });
    }, ESTIMATE_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [body, incomplete]);
  return incomplete ? { state: 'incomplete' } : result;
}

/** Rule warnings are relative to the rule; the editor's paths start at the request body. */
export const warningProblems = (warnings: readonly RuleWarning[]): Problem[] => warnings.map((warning) => ({ path: ['rule', ...warning.path], message: `Warning: ${warning.message}` }));

export function EstimatePanel({ result }: { result: EstimateState }) {
  const shown = result.state === 'done' ? result.estimate : result.state === 'loading' ? result.previous : undefined;
  return (
    <section className="estimate" aria-labelledby="estimate-heading" aria-live="polite" aria-busy={result.state === 'loading'}>
      <h3 id="estimate-heading">Estimated size</h3>
      {result.state === 'incomplete' && <p className="hint">Every group needs a condition before the rule can be estimated.</p>}
      {result.state === 'loading' && !shown && <p>Estimating…</p>}
      {result.state === 'invalid' && <p className="problem">The rule has {result.problems.length === 1 ? 'a problem' : `${result.problems.length} problems`}, shown beside the conditions.</p>}
      {result.state === 'failed' && <p className="problem">{result.message}</p>}
      {shown && (
        <>
          <p className="estimate-count">
            <strong data-testid="estimate-count">{shown.exact ? shown.count : `≈ ${shown.count}`}</strong> {shown.count === 1 ? 'learner' : 'learners'} of {shown.total}
            {!shown.exact && ` (extrapolated from ${shown.scanned} scanned)`}
          </p>
          {shown.matchesNobody && <p className="hint">This rule matches nobody now.</p>}
          {shown.sample.length > 0 && (
            <>
              <h4>Sample members</h4>
              <ul className="sample">
                {shown.sample.map((member) => (
                  <li key={member.learnerId}>
                    <a href={hrefOf({ screen: 'learner', learnerId: member.learnerId })}>{member.name ?? member.email ?? member.learnerId}</a>
                    {member.name && member.email ? ` · ${member.email}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {result.state === 'done' && result.warnings.length > 0 && (
        <ul className="warnings">
          {result.warnings.map((warning, index) => (
            <li key={index}>{warning.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
