import { useEffect, useId, useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { journeyRunViewSchema, JourneyView } from '../../../domain/journeys/api';
import type { LearnerEventView, LearnerView } from '../../../domain/learners';
import type { LearnerConsentView } from '../../../domain/messages/consent';
import type { membershipPeriodSchema } from '../../../domain/segments/definition';
import { api } from '../api/client';
import { hrefOf } from '../app/routes';
import { messageOf } from '../segments/problems';
import { displayName, findLearners, type LearnerProfile } from './learnerSearch';
import '../segments/screens.css';

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };
type JourneyRun = z.infer<typeof journeyRunViewSchema>;
type MembershipPeriod = z.infer<typeof membershipPeriodSchema>;

/** Loads `path` whenever it changes; an answer for a path no longer shown is dropped. */
function useGet<T>(path: string | null): Load<T> & { path: string | null } {
  const [result, setResult] = useState<{ path: string; load: Load<T> } | null>(null);
  useEffect(() => {
    if (!path) return;
    let current = true;
    api
      .get<T>(path)
      .then((value) => current && setResult({ path, load: { state: 'ready', value } }))
      .catch((error: unknown) => current && setResult({ path, load: { state: 'failed', message: messageOf(error) } }));
    return () => {
      current = false;
    };
  }, [path]);
  return { path, ...(result && result.path === path ? result.load : { state: 'loading' }) };
}

/** Search by email, name, user id (prefixes) or a learner id; the query lives in the URL (#/learners?q=). */
export function LearnersScreen({ query }: { query?: string }) {
  const id = useId();
  const [text, setText] = useState(query ?? '');
  const [searched, setSearched] = useState(query ?? '');
  // Navigating to another #/learners?q= changes the prop: the search follows it.
  const [fromRoute, setFromRoute] = useState(query);
  if (query !== fromRoute) {
    setFromRoute(query);
    setText(query ?? '');
    setSearched(query ?? '');
  }
  const [results, setResults] = useState<{ query: string; load: Load<LearnerView[]> } | null>(null);
  useEffect(() => {
    if (!searched.trim()) return;
    let current = true;
    findLearners(searched, 50)
      .then((learners) => current && setResults({ query: searched, load: { state: 'ready', value: learners } }))
      .catch((error: unknown) => current && setResults({ query: searched, load: { state: 'failed', message: messageOf(error) } }));
    return () => {
      current = false;
    };
  }, [searched]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSearched(text.trim());
    window.location.hash = hrefOf({ screen: 'learners', ...(text.trim() ? { query: text.trim() } : {}) });
  };
  const shown = searched.trim() ? (results?.query === searched ? results.load : { state: 'loading' as const }) : null;
  return (
    <section className="screen learners" aria-labelledby="learners-heading">
      <h2 id="learners-heading">Learners</h2>
      <form role="search" onSubmit={submit}>
        <label htmlFor={id}>Search learners</label> <input id={id} type="search" value={text} placeholder="email, name, user id or learner id" onChange={(event) => setText(event.target.value)} /> <button type="submit">Search</button>
      </form>
      {shown?.state === 'loading' && <p>Searching…</p>}
      {shown?.state === 'failed' && <p className="problem">{shown.message}</p>}
      {shown?.state === 'ready' &&
        (shown.value.length === 0 ? (
          <p>No learner matches “{searched}”.</p>
        ) : (
          <table aria-label="Search results">
            <thead>
              <tr>
                <th scope="col">Learner</th>
                <th scope="col">Email</th>
                <th scope="col">User id</th>
                <th scope="col">Learner id</th>
              </tr>
            </thead>
            <tbody>
              {shown.value.map((learner) => (
                <tr key={learner.learnerId}>
                  <td>
                    <a href={hrefOf({ screen: 'learner', learnerId: learner.learnerId })}>{displayName(learner)}</a>
                  </td>
                  <td>{learner.emails.join(', ')}</td>
                  <td>{learner.userId ?? ''}</td>
                  <td>
                    <code>{learner.learnerId}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : '');
const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

/** One learner: profile, segments with their history, consent, journeys and the event timeline. */
export function LearnerScreen({ learnerId }: { learnerId: string }) {
  const profile = useGet<LearnerProfile>(`/api/learners/${encodeURIComponent(learnerId)}?limit=50`);
  if (profile.state === 'loading') return <p>Loading learner…</p>;
  if (profile.state === 'failed') return <p className="problem">{profile.message}</p>;
  const { learner, events } = profile.value;
  return (
    <article className="screen learner" aria-labelledby="learner-heading">
      <p>
        <a href={hrefOf({ screen: 'learners' })}>Learner search</a>
      </p>
      <h2 id="learner-heading">{displayName(learner)}</h2>
      {learner.learnerId !== learnerId && (
        <p className="hint">
          {learnerId} was merged into <code>{learner.learnerId}</code>; this is that profile.
        </p>
      )}
      <Profile learner={learner} />
      <Segments learnerId={learner.learnerId} />
      <Consent learnerId={learner.learnerId} />
      <Journeys learnerId={learner.learnerId} />
      <Timeline key={learner.learnerId} learnerId={learner.learnerId} first={events} />
    </article>
  );
}

function Profile({ learner }: { learner: LearnerView }) {
  const traits = Object.entries(learner.traits).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-labelledby="profile-heading">
      <h3 id="profile-heading">Profile</h3>
      <dl className="identifiers">
        <dt>Learner id</dt>
        <dd>
          <code>{learner.learnerId}</code>
        </dd>
        <dt>User id</dt>
        <dd>{learner.userId ?? '—'}</dd>
        <dt>Emails</dt>
        <dd>{learner.emails.join(', ') || '—'}</dd>
        {learner.anonymousIds.length > 0 && (
          <>
            <dt>Anonymous ids</dt>
            <dd>{learner.anonymousIds.join(', ')}</dd>
          </>
        )}
        {learner.mergedLearnerIds.length > 0 && (
          <>
            <dt>Merged profiles</dt>
            <dd>{learner.mergedLearnerIds.join(', ')}</dd>
          </>
        )}
        <dt>Created</dt>
        <dd>{when(learner.createdAt)}</dd>
      </dl>
      <table aria-label="Traits">
        <thead>
          <tr>
            <th scope="col">Trait</th>
            <th scope="col">Value</th>
            <th scope="col">Set</th>
          </tr>
        </thead>
        <tbody>
          {traits.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{show(value)}</td>
              <td>{when(learner.traitsUpdatedAt[name])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Segments({ learnerId }: { learnerId: string }) {
  const answer = useGet<{ segmentIds: string[]; periods: MembershipPeriod[] }>(`/api/learners/${encodeURIComponent(learnerId)}/segments`);
  return (
    <section aria-labelledby="segments-heading">
      <h3 id="segments-heading">Segments</h3>
      {answer.state === 'loading' && <p>Loading segments…</p>}
      {answer.state === 'failed' && <p className="problem">{answer.message}</p>}
      {answer.state === 'ready' && (
        <>
          <p>
            In now:{' '}
            {answer.value.segmentIds.length === 0
              ? 'no segment'
              : answer.value.segmentIds.map((segmentId, index) => (
                  <span key={segmentId}>
                    {index > 0 && ', '}
                    <a href={hrefOf({ screen: 'segment', segmentId })}>{answer.value.periods.find((period) => period.segmentId === segmentId)?.segmentName ?? segmentId}</a>
                  </span>
                ))}
          </p>
          {answer.value.periods.length > 0 && (
            <table aria-label="Segment history">
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col">Entered</th>
                  <th scope="col">Left</th>
                </tr>
              </thead>
              <tbody>
                {[...answer.value.periods]
                  .sort((a, b) => b.enteredAt.localeCompare(a.enteredAt))
                  .map((period) => (
                    <tr key={`${period.segmentId}-${period.enteredAt}`}>
                      <td>
                        <a href={hrefOf({ screen: 'segment', segmentId: period.segmentId })}>{period.segmentName}</a>
                      </td>
                      <td>{when(period.enteredAt)}</td>
                      <td>{period.exitedAt ? when(period.exitedAt) : 'still in'}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

function Consent({ learnerId }: { learnerId: string }) {
  const answer = useGet<LearnerConsentView>(`/api/learners/${encodeURIComponent(learnerId)}/consent`);
  return (
    <section aria-labelledby="consent-heading">
      <h3 id="consent-heading">Consent</h3>
      {answer.state === 'loading' && <p>Loading consent…</p>}
      {answer.state === 'failed' && <p className="problem">{answer.message}</p>}
      {answer.state === 'ready' && (
        <>
          <p>{answer.value.unsubscribedFromAll ? 'Unsubscribed from all marketing.' : 'Not unsubscribed from marketing.'}</p>
          <table aria-label="Consent by topic">
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Status</th>
                <th scope="col">Receives marketing</th>
                <th scope="col">Recorded</th>
              </tr>
            </thead>
            <tbody>
              {answer.value.topics.map((topic) => (
                <tr key={topic.topic}>
                  <th scope="row">{topic.name}</th>
                  <td>
                    {topic.status.replace('_', ' ')}
                    {topic.recorded ? '' : ' (default)'}
                  </td>
                  <td>{topic.receives ? 'yes' : 'no'}</td>
                  <td>{topic.at ? `${when(topic.at)}${topic.source ? ` via ${topic.source}` : ''}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** A run as GET /api/learners/:id/journeys answers it (api/learners/learnerJourneys.ts): a journey run with its journey. */
type LearnerJourneyRun = JourneyRun;

interface LearnerRun extends LearnerJourneyRun {
  /** The journey's name and graph, for its name and step labels; absent when it cannot be read. */
  journey?: JourneyView;
}

/**
 * The learner's journey runs (found by Temporal's LearnerId search attribute, merged profiles
 * included) and where each stands. The journeys are read alongside for their names and step labels;
 * without them the runs still show, by id.
 */
function Journeys({ learnerId }: { learnerId: string }) {
  const [runs, setRuns] = useState<{ learnerId: string; load: Load<LearnerRun[]> } | null>(null);
  useEffect(() => {
    let current = true;
    const journeys = api
      .get<{ journeys: JourneyView[] }>('/api/journeys')
      .then((answer) => answer.journeys)
      .catch(() => [] as JourneyView[]);
    Promise.all([api.get<{ runs: LearnerJourneyRun[] }>(`/api/learners/${encodeURIComponent(learnerId)}/journeys`), journeys])
      .then(([answer, known]) => answer.runs.map((run): LearnerRun => ({ ...run, journey: known.find((journey) => journey.id === run.journeyId) })))
      .then((found) => current && setRuns({ learnerId, load: { state: 'ready', value: found } }))
      .catch((error: unknown) => current && setRuns({ learnerId, load: { state: 'failed', message: messageOf(error) } }));
    return () => {
      current = false;
    };
  }, [learnerId]);
  const load: Load<LearnerRun[]> = runs?.learnerId === learnerId ? runs.load : { state: 'loading' };
  const nodeName = (run: LearnerRun) => {
    if (!run.currentNode) return run.closedAt ? '(finished)' : '—';
    const node = run.journey?.graph.nodes.find((candidate) => candidate.id === run.currentNode);
    return node?.label ?? run.currentNode;
  };
  return (
    <section aria-labelledby="journeys-heading">
      <h3 id="journeys-heading">Journeys</h3>
      {load.state === 'loading' && <p>Loading journey runs…</p>}
      {load.state === 'failed' && <p className="problem">{load.message}</p>}
      {load.state === 'ready' &&
        (load.value.length === 0 ? (
          <p>No journey runs.</p>
        ) : (
          <table aria-label="Journey runs">
            <thead>
              <tr>
                <th scope="col">Journey</th>
                <th scope="col">Status</th>
                <th scope="col">Current step</th>
                <th scope="col">Started</th>
                <th scope="col">Ended</th>
              </tr>
            </thead>
            <tbody>
              {load.value.map((run) => (
                <tr key={run.runId}>
                  <td>
                    {run.journeyId ? <a href={hrefOf({ screen: 'journey', journeyId: run.journeyId, view: 'live' })}>{run.journey?.name ?? run.journeyId}</a> : <code>{run.workflowId}</code>}
                    {run.version !== null && <span className="hint"> v{run.version}</span>}
                    {run.courseId && <span className="hint"> · course {run.courseId}</span>}
                  </td>
                  <td>{run.status.toLowerCase()}</td>
                  <td>{nodeName(run)}</td>
                  <td>{when(run.startedAt)}</td>
                  <td>{when(run.closedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}

/** Newest events first, 50 at a time; older pages are read with `before` = the oldest timestamp shown. */
function Timeline({ learnerId, first }: { learnerId: string; first: LearnerEventView[] }) {
  const [events, setEvents] = useState(first);
  const [more, setMore] = useState(first.length === 50);
  const [failure, setFailure] = useState<string | null>(null);
  const loadOlder = async () => {
    const oldest = events.at(-1);
    if (!oldest) return;
    try {
      const answer = await api.get<LearnerProfile>(`/api/learners/${encodeURIComponent(learnerId)}?${new URLSearchParams({ limit: '50', before: oldest.timestamp })}`);
      const seen = new Set(events.map((event) => event.messageId));
      setEvents([...events, ...answer.events.filter((event) => !seen.has(event.messageId))]);
      setMore(answer.events.length === 50);
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  return (
    <section aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">Event timeline</h3>
      {events.length === 0 ? (
        <p>No events.</p>
      ) : (
        <ol className="timeline">
          {events.map((event) => (
            <li key={event.messageId}>
              <time dateTime={event.timestamp}>{when(event.timestamp)}</time> <strong>{event.name || event.type}</strong>
              <span className="hint">
                {' '}
                · {event.source}
                {event.courseId ? ` · course ${event.courseId}` : ''}
              </span>
              {Object.keys(event.properties).length > 0 && (
                <details>
                  <summary>Properties</summary>
                  <pre>{JSON.stringify(event.properties, null, 2)}</pre>
                </details>
              )}
            </li>
          ))}
        </ol>
      )}
      {failure && <p className="problem">{failure}</p>}
      {more && (
        <button type="button" onClick={() => void loadOlder()}>
          Load older events
        </button>
      )}
    </section>
  );
}
