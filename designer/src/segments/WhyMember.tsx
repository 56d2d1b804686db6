import { useState } from 'react';
import type { Explanation } from '../../../domain/segments/evaluate';
import { api } from '../api/client';
import { messageOf } from './problems';

interface Why {
  member: boolean;
  matchesNow: boolean;
  explanation: Explanation | null;
}

/** Why a learner is in (or out of) a segment, condition by condition, asked for on demand (one request each). */
export function WhyMember({ segmentId, learnerId, label }: { segmentId: string; learnerId: string; label: string }) {
  const [why, setWhy] = useState<Why | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const toggle = () => {
    setOpen(!open);
    if (open || why) return;
    api
      .get<Why>(`/api/segments/${encodeURIComponent(segmentId)}/learners/${encodeURIComponent(learnerId)}`)
      .then(setWhy)
      .catch((error: unknown) => setFailure(messageOf(error)));
  };
  return (
    <>
      <button type="button" aria-expanded={open} aria-label={`Why ${label}`} onClick={toggle}>
        Why?
      </button>
      {open && (
        <div className="why">
          {failure && <p className="problem">{failure}</p>}
          {!why && !failure && <p>Loading…</p>}
          {why && (
            <>
              <p>
                {why.member ? 'Member' : 'Not a member'}; the rule {why.matchesNow ? 'holds' : 'does not hold'} now.
              </p>
              {why.explanation && <ExplanationTree explanation={why.explanation} />}
            </>
          )}
        </div>
      )}
    </>
  );
}

function ExplanationTree({ explanation }: { explanation: Explanation }) {
  return (
    <ul>
      <li className={explanation.held ? 'ok' : 'problem'}>
        {explanation.held ? '✓' : '✗'} {explanation.detail}
        {explanation.children?.map((child) => <ExplanationTree key={child.path} explanation={child} />)}
      </li>
    </ul>
  );
}
