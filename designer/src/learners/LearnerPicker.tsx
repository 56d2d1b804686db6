import { useEffect, useId, useState } from 'react';
import type { LearnerView } from '../../../domain/learners';
import { messageOf } from '../segments/problems';
import { displayName, findLearners } from './learnerSearch';

/** How long typing must pause before a search is sent. */
const SEARCH_DEBOUNCE_MS = 300;

/** Finds a learner by email, user id, name or learner id and hands the chosen one back. */
export function LearnerPicker({ label, onPick }: { label: string; onPick: (learner: LearnerView) => void }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<LearnerView[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    if (!query.trim()) return;
    let current = true;
    const timer = setTimeout(() => {
      findLearners(query, 8)
        .then((found) => {
          if (!current) return;
          setResults(found);
          setFailure(null);
        })
        .catch((error: unknown) => current && setFailure(messageOf(error)));
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  const shown = query.trim() ? results : [];
  return (
    <div className="learner-picker">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" value={query} placeholder="email, name, user id or learner id" onChange={(event) => setQuery(event.target.value)} />
      {failure && <p className="problem">{failure}</p>}
      {shown.length > 0 && (
        <ul aria-label="Matching learners">
          {shown.map((learner) => (
            <li key={learner.learnerId}>
              <button
                type="button"
                onClick={() => {
                  onPick(learner);
                  setQuery('');
                }}
              >
                {displayName(learner)}
                {learner.emails[0] && learner.emails[0] !== displayName(learner) ? ` · ${learner.emails[0]}` : ''}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
