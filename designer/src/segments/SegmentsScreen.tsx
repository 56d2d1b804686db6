import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { SegmentView } from '../../../domain/segments/definition';
import type { SegmentRule } from '../../../domain/segments/rules';
import { api } from '../api/client';
import { hrefOf } from '../app/routes';
import { ProblemsContext, ProblemText } from './conditions/fields';
import { NamesContext, useWorkspaceNames, type KnownNames } from './conditions/names';
import { EstimatePanel, useEstimate, warningProblems, type RuleWarning } from './EstimatePanel';
import { messageOf, pathKey, problemsOf, type Problem } from './problems';
import { RuleEditor } from './RuleEditor';
import { WhyMember } from './WhyMember';
import { editableRule, emptyRule, type GroupCondition } from './ruleModel';
import { createStaticList, readListFile, replaceStaticList } from './staticLists';
import './screens.css';

type Load<T> = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; value: T };

/** Segments with their sizes, and a static list made from an uploaded file. */
export function SegmentsScreen() {
  const [segments, setSegments] = useState<Load<SegmentView[]>>({ state: 'loading' });
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let current = true;
    api
      .get<{ segments: SegmentView[] }>('/api/segments')
      .then((answer) => current && setSegments({ state: 'ready', value: answer.segments }))
      .catch((error: unknown) => current && setSegments({ state: 'failed', message: messageOf(error) }));
    return () => {
      current = false;
    };
  }, [reload]);
  return (
    <section className="screen segments" aria-labelledby="segments-heading">
      <h2 id="segments-heading">Segments</h2>
      <p>
        <a href={hrefOf({ screen: 'segment', segmentId: 'new' })}>New segment</a>
      </p>
      {segments.state === 'loading' && <p>Loading segments…</p>}
      {segments.state === 'failed' && <p className="problem">{segments.message}</p>}
      {segments.state === 'ready' &&
        (segments.value.length === 0 ? (
          <p>No segments yet.</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">Segment</th>
                <th scope="col">Kind</th>
                <th scope="col">Size</th>
                <th scope="col">Evaluation</th>
              </tr>
            </thead>
            <tbody>
              {segments.value.map((segment) => (
                <tr key={segment.id}>
                  <td>
                    <a href={hrefOf({ screen: 'segment', segmentId: segment.id })}>{segment.name}</a>
                    {segment.description && <div className="hint">{segment.description}</div>}
                  </td>
                  <td>{segment.kind}</td>
                  <td>{segment.size}</td>
                  <td>{describeEvaluation(segment)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      <StaticListUpload onCreated={() => setReload((count) => count + 1)} />
    </section>
  );
}

function describeEvaluation(segment: SegmentView): string {
  const { evaluation } = segment;
  if (evaluation.state === 'running') return `evaluating ${evaluation.processed} / ${evaluation.total}`;
  if (evaluation.state === 'failed') return `failed: ${evaluation.error ?? 'unknown error'}`;
  return evaluation.state === 'done' ? `up to date (v${evaluation.version})` : evaluation.state;
}

function StaticListUpload({ onCreated }: { onCreated: () => void }) {
  const ids = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblems([{ path: ['file'], message: 'Choose a CSV or JSON file' }]);
    setBusy(true);
    setProblems([]);
    setOutcome(null);
    try {
      const created = await createStaticList(await readListFile(file), name, description);
      setOutcome(`Created ${created.segment.name} with ${created.added} members${created.unknown.length > 0 ? `; ${created.unknown.length} matched no learner: ${created.unknown.slice(0, 10).join(', ')}${created.unknown.length > 10 ? '…' : ''}` : ''}.`);
      onCreated();
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };
  const at = (key: string) => problems.filter((problem) => pathKey(problem.path) === key);
  const elsewhere = problems.filter((problem) => !['name', 'description', 'file'].includes(pathKey(problem.path)));
  return (
    <form className="static-upload" onSubmit={submit} aria-labelledby={`${ids}-heading`}>
      <h3 id={`${ids}-heading`}>Upload a static list</h3>
      <p className="hint">A CSV whose first column holds emails, user ids or learner ids (a header row is skipped), or a JSON list of them.</p>
      <label htmlFor={`${ids}-name`}>List name</label>
      <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} aria-invalid={at('name').length > 0 || undefined} aria-describedby={`${ids}-name-problem`} />
      <ProblemText id={`${ids}-name-problem`} problems={at('name')} />
      <label htmlFor={`${ids}-description`}>List description</label>
      <input id={`${ids}-description`} value={description} onChange={(event) => setDescription(event.target.value)} />
      <ProblemText id={`${ids}-description-problem`} problems={at('description')} />
      <label htmlFor={`${ids}-file`}>List file</label>
      <input id={`${ids}-file`} type="file" accept=".csv,.json,text/csv,application/json" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      <ProblemText id={`${ids}-file-problem`} problems={at('file')} />
      <ProblemList problems={elsewhere} />
      <button type="submit" disabled={busy}>
        {busy ? 'Uploading…' : 'Upload list'}
      </button>
      {outcome && <p role="status">{outcome}</p>}
    </form>
  );
}

/** Problems that belong to no one control (or whose control is not on screen), with their path. */
function ProblemList({ problems }: { problems: readonly Problem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem" role="alert">
      {problems.map((problem, index) => (
        <li key={index}>
          {problem.path.length > 0 && <code>{pathKey(problem.path)}</code>} {problem.message}
        </li>
      ))}
    </ul>
  );
}

/** One segment: the builder for a dynamic segment ('new' creates one), the members and list upload for a static one. */
export function SegmentScreen({ segmentId }: { segmentId: string }) {
  const isNew = segmentId === 'new';
  const [loaded, setLoaded] = useState<Load<SegmentView | null>>(isNew ? { state: 'ready', value: null } : { state: 'loading' });
  const [segments, setSegments] = useState<KnownNames['segments']>([]);
  useEffect(() => {
    let current = true;
    api
      .get<{ segments: SegmentView[] }>('/api/segments')
      .then((answer) => current && setSegments(answer.segments.map((segment) => ({ id: segment.id, name: segment.name }))))
      .catch(() => undefined); // the segment picker then offers only the ids already in the rule
    if (!isNew) {
      api
        .get<{ segment: SegmentView }>(`/api/segments/${encodeURIComponent(segmentId)}`)
        .then((answer) => current && setLoaded({ state: 'ready', value: answer.segment }))
        .catch((error: unknown) => current && setLoaded({ state: 'failed', message: messageOf(error) }));
    }
    return () => {
      current = false;
    };
  }, [segmentId, isNew]);
  const workspace = useWorkspaceNames();
  const names = useMemo(() => ({ ...workspace, segments }), [workspace, segments]);
  if (loaded.state === 'loading') return <p>Loading segment…</p>;
  if (loaded.state === 'failed') return <p className="problem">{loaded.message}</p>;
  const segment = loaded.value;
  return (
    <NamesContext.Provider value={names}>
      <p>
        <a href={hrefOf({ screen: 'segments' })}>All segments</a>
      </p>
      {segment?.kind === 'static' ? <StaticSegment segment={segment} /> : <SegmentEditor key={segment?.id ?? 'new'} segment={segment} />}
      {segment && <Members segmentId={segment.id} version={segment.version} />}
    </NamesContext.Provider>
  );
}

function SegmentEditor({ segment }: { segment: SegmentView | null }) {
  const ids = useId();
  const [name, setName] = useState(segment?.name ?? '');
  const [description, setDescription] = useState(segment?.description ?? '');
  const [rule, setRule] = useState<SegmentRule>(() => editableRule(segment?.rule ?? emptyRule()));
  const [saved, setSaved] = useState<SegmentView | null>(segment);
  const [saveProblems, setSaveProblems] = useState<Problem[]>([]);
  const [saveWarnings, setSaveWarnings] = useState<RuleWarning[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const estimate = useEstimate(rule);

  // Save problems name the saved body's paths; the estimate's are under `rule` too, so both land on the same controls.
  const problems = useMemo(
    () => [...saveProblems, ...(estimate.state === 'invalid' ? estimate.problems : []), ...(estimate.state === 'done' ? warningProblems(estimate.warnings) : warningProblems(saveWarnings))],
    [saveProblems, estimate, saveWarnings],
  );
  const at = (key: string) => problems.filter((problem) => pathKey(problem.path) === key);
  const unplaced = saveProblems.filter((problem) => !isPlaced(problem));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setStatus(null);
    setSaveProblems([]);
    try {
      const body = { name, description, rule };
      const answer = saved
        ? await api.put<{ segment: SegmentView; warnings: RuleWarning[] }>(`/api/segments/${encodeURIComponent(saved.id)}`, body)
        : await api.post<{ segment: SegmentView; warnings: RuleWarning[] }>('/api/segments', body);
      setSaveWarnings(answer.warnings);
      setStatus(`Saved version ${answer.segment.version}; members are being computed in the background.`);
      if (!saved) window.location.hash = hrefOf({ screen: 'segment', segmentId: answer.segment.id });
      setSaved(answer.segment);
    } catch (error) {
      setSaveProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  };

  const archive = async () => {
    if (!saved || !window.confirm(`Archive ${saved.name}? It stops being evaluated and its members leave.`)) return;
    try {
      const answer = await api.post<{ segment: SegmentView }>(`/api/segments/${encodeURIComponent(saved.id)}/archive`);
      setSaved(answer.segment);
      setStatus('Archived.');
    } catch (error) {
      setSaveProblems(problemsOf(error));
    }
  };

  return (
    <ProblemsContext.Provider value={problems}>
      <form className="segment-editor" onSubmit={save} aria-labelledby={`${ids}-heading`}>
        <h2 id={`${ids}-heading`}>{saved ? `Segment: ${saved.name}` : 'New segment'}</h2>
        {saved && (
          <p className="hint">
            Version {saved.version} · {saved.size} members · {saved.status} · {describeEvaluation(saved)}
          </p>
        )}
        <label htmlFor={`${ids}-name`}>Name</label>
        <input id={`${ids}-name`} value={name} onChange={(event) => setName(event.target.value)} aria-invalid={at('name').length > 0 || undefined} aria-describedby={`${ids}-name-problem`} />
        <ProblemText id={`${ids}-name-problem`} problems={at('name')} />
        <label htmlFor={`${ids}-description`}>Description</label>
        <textarea id={`${ids}-description`} value={description} onChange={(event) => setDescription(event.target.value)} aria-describedby={`${ids}-description-problem`} />
        <ProblemText id={`${ids}-description-problem`} problems={at('description')} />
        <div className="segment-builder">
          <RuleEditor condition={rule.condition as GroupCondition} onChange={(condition) => setRule({ ...rule, condition })} segmentId={saved?.id} />
          <EstimatePanel result={estimate} />
        </div>
        <ProblemList problems={unplaced} />
        <div className="form-actions">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Saving…' : saved ? 'Save new version' : 'Create segment'}
          </button>
          {saved && saved.status === 'active' && (
            <button type="button" className="button-quiet" onClick={() => void archive()}>
              Archive
            </button>
          )}
        </div>
        {status && <p role="status">{status}</p>}
        {saveWarnings.length > 0 && (
          <ul className="warnings" aria-label="Warnings from the save">
            {saveWarnings.map((warning, index) => (
              <li key={index}>{warning.message}</li>
            ))}
          </ul>
        )}
      </form>
    </ProblemsContext.Provider>
  );
}

/** Name and description sit beside their fields and rule problems beside their conditions; the rest is listed. */
const isPlaced = (problem: Problem) => ['name', 'description'].includes(pathKey(problem.path)) || (problem.path[0] === 'rule' && problem.path[1] === 'condition');

function StaticSegment({ segment }: { segment: SegmentView }) {
  const ids = useId();
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [outcome, setOutcome] = useState<string | null>(null);
  const replace = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblems([{ path: [], message: 'Choose a CSV or JSON file' }]);
    setProblems([]);
    try {
      const answer = await replaceStaticList(segment.id, await readListFile(file));
      setOutcome(`${answer.added} added, ${answer.removed} removed${answer.unknown.length > 0 ? `, ${answer.unknown.length} matched no learner` : ''}.`);
    } catch (error) {
      setProblems(problemsOf(error));
    }
  };
  return (
    <section aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Static list: {segment.name}</h2>
      {segment.description && <p>{segment.description}</p>}
      <p className="hint">
        {segment.size} members · {segment.status}
      </p>
      <form onSubmit={replace}>
        <label htmlFor={`${ids}-file`}>Replace members from a file (CSV or JSON)</label>
        <input id={`${ids}-file`} type="file" accept=".csv,.json,text/csv,application/json" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <button type="submit">Replace members</button>
        <ProblemList problems={problems} />
        {outcome && <p role="status">{outcome}</p>}
      </form>
    </section>
  );
}

interface Member {
  learnerId: string;
  email: string | null;
  name: string | null;
  since: string | null;
}

function Members({ segmentId, version }: { segmentId: string; version: number }) {
  const [members, setMembers] = useState<Load<{ members: Member[]; next: string | null }>>({ state: 'loading' });
  const [after, setAfter] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    const query = new URLSearchParams({ limit: '20', ...(after ? { after } : {}) });
    api
      .get<{ members: Member[]; next: string | null }>(`/api/segments/${encodeURIComponent(segmentId)}/members?${query}`)
      .then((answer) => current && setMembers({ state: 'ready', value: answer }))
      .catch((error: unknown) => current && setMembers({ state: 'failed', message: messageOf(error) }));
    return () => {
      current = false;
    };
  }, [segmentId, version, after]);
  return (
    <section aria-labelledby="members-heading">
      <h3 id="members-heading">Members</h3>
      {members.state === 'loading' && <p>Loading members…</p>}
      {members.state === 'failed' && <p className="problem">{members.message}</p>}
      {members.state === 'ready' && (
        <>
          {members.value.members.length === 0 ? (
            <p>No members{after ? ' on this page' : ' yet'}.</p>
          ) : (
            <ul>
              {members.value.members.map((member) => (
                <li key={member.learnerId}>
                  <a href={hrefOf({ screen: 'learner', learnerId: member.learnerId })}>{member.name ?? member.email ?? member.learnerId}</a>
                  {member.since && <span className="hint"> since {new Date(member.since).toLocaleString()}</span>}
                  {' '}
                  <WhyMember segmentId={segmentId} learnerId={member.learnerId} label={member.name ?? member.email ?? member.learnerId} />
                </li>
              ))}
            </ul>
          )}
          {after && (
            <button type="button" onClick={() => setAfter(undefined)}>
              First page
            </button>
          )}{' '}
          {members.value.next && (
            <button type="button" onClick={() => setAfter(members.value.next ?? undefined)}>
              Next page
            </button>
          )}
        </>
      )}
    </section>
  );
}
