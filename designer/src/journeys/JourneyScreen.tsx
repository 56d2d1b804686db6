import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { type z } from 'zod';
import { journeyInputSchema, type JourneyInput, type JourneyView, type journeyRunViewSchema } from '../../../domain/journeys/api';
import { type JourneyGraph, type JourneyNode } from '../../../domain/journeys/graph';
import { journeyProblemSchema, type JourneyProblem } from '../../../domain/journeys/problems';
import { type TemplateView } from '../../../domain/messages/templates';
import { ApiError, api } from '../api/client';
import { hrefOf } from '../app/routes';
import { type FieldOptions } from '../forms/SchemaForm';
import { ImportJourneyButton } from './ImportJourney';
import { JourneyEditor } from './JourneyEditor';
import type { DesignerSettings } from '../../../domain/designerSettings';
import { countsByNode, liveRefreshMs, temporalRunUrl, type NodeCounts } from './live';
import { nodeTitle } from './nodeSummary';
import { downloadText, exportFileName, exportJourney } from './transfer';
import { useApiData, useTicker } from './useApiData';

type RunView = z.infer<typeof journeyRunViewSchema>;
interface VersionSummary {
  version: number;
  name: string;
  publishedAt: string;
}
interface VersionDetail extends VersionSummary {
  graph: JourneyGraph;
}

const journeyPath = (journeyId: string) => `/api/journeys/${encodeURIComponent(journeyId)}`;
const when = (iso: string) => new Date(iso).toLocaleString();

/** A journey: its draft in the editor, a past version read-only, or the published version live. */
export function JourneyScreen(props: { journeyId: string; version?: number; view: 'edit' | 'live' }) {
  // Keyed, so that moving to another journey or view starts from a clean state.
  return <JourneyScreenInner key={`${props.journeyId}/${props.version ?? ''}/${props.view}`} {...props} />;
}

function JourneyScreenInner({ journeyId, version, view }: { journeyId: string; version?: number; view: 'edit' | 'live' }) {
  const loaded = useApiData<{ journey: JourneyView }>(journeyPath(journeyId));
  const [updated, setUpdated] = useState<JourneyView | null>(null);
  // A lifecycle answer (publish, pause) is newer than the load it follows, until the next load.
  const journey = updated ?? (loaded.state === 'loaded' ? loaded.data.journey : null);
  const onJourney = useCallback((next: JourneyView) => setUpdated(next), []);

  if (!journey) {
    return (
      <main className="journey-screen" aria-busy={loaded.state === 'loading'}>
        <p>
          <a href={hrefOf({ screen: 'journeys' })}>Journeys</a>
        </p>
        {loaded.state === 'failed' ? <p className="problem">Journey {journeyId} could not be loaded: {loaded.message}</p> : <p>Loading journey…</p>}
      </main>
    );
  }
  if (version !== undefined) return <VersionScreen journey={journey} version={version} onJourney={onJourney} />;
  if (view === 'live') return <LiveScreen journey={journey} onJourney={onJourney} />;
  return <DraftScreen journey={journey} onJourney={onJourney} />;
}

/** Name, status, the way between draft, live view and versions, and the lifecycle buttons. */
function JourneyHeader({ journey, current, onJourney, children }: { journey: JourneyView; current: 'edit' | 'live' | number; onJourney: (journey: JourneyView) => void; children?: ReactNode }) {
  const versions = useApiData<{ versions: VersionSummary[] }>(journey.publishedVersion === null ? null : `${journeyPath(journey.id)}/versions`, journey.publishedVersion);
  const [error, setError] = useState<string | null>(null);
  const lifecycle = async (action: 'pause' | 'resume') => {
    setError(null);
    try {
      onJourney((await api.post<{ journey: JourneyView }>(`${journeyPath(journey.id)}/${action}`)).journey);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <header className="journey-header">
      <nav aria-label="Journey views" className="journey-views">
        <a href={hrefOf({ screen: 'journeys' })}>Journeys</a>
        <span aria-hidden="true">/</span>
        <a href={hrefOf({ screen: 'journey', journeyId: journey.id, view: 'edit' })} aria-current={current === 'edit' ? 'page' : undefined}>
          Draft
        </a>
        {journey.publishedVersion !== null && (
          <a href={hrefOf({ screen: 'journey', journeyId: journey.id, view: 'live' })} aria-current={current === 'live' ? 'page' : undefined}>
            Live view
          </a>
        )}
        {versions.state === 'loaded' && versions.data.versions.length > 0 && (
          <details className="journey-versions">
            <summary>Versions ({versions.data.versions.length})</summary>
            <ul aria-label="Versions">
              {versions.data.versions.map((entry) => (
                <li key={entry.version}>
                  <a href={hrefOf({ screen: 'journey', journeyId: journey.id, version: entry.version, view: 'edit' })} aria-current={current === entry.version ? 'page' : undefined}>
                    Version {entry.version}
                  </a>{' '}
                  <span className="journey-hint">{when(entry.publishedAt)}</span>
                  {entry.version === journey.publishedVersion && <span className="status-pill">current</span>}
                </li>
              ))}
            </ul>
          </details>
        )}
      </nav>
      <div className="journey-title-row">
        {children ?? <h1>{journey.name}</h1>}
        <span className={`status-pill status-${journey.status}`}>{journey.status}</span>
        {journey.publishedVersion !== null && <span className="journey-hint">published version {journey.publishedVersion}</span>}
        {journey.status === 'active' && (
          <button type="button" onClick={() => void lifecycle('pause')}>
            Pause
          </button>
        )}
        {journey.status === 'paused' && (
          <button type="button" onClick={() => void lifecycle('resume')}>
            Resume
          </button>
        )}
        {error && (
          <span className="problem" role="alert">
            {error}
          </span>
        )}
      </div>
    </header>
  );
}

/** Template, segment and topic choices for the settings forms; a catalogue that fails to load leaves its field a text box. */
function useFieldOptions(): FieldOptions {
  const templates = useApiData<{ templates: TemplateView[] }>('/api/templates');
  const segments = useApiData<{ segments: { id: string; name: string; size: number }[] }>('/api/segments');
  const topics = useApiData<{ topics: { id: string; name: string }[] }>('/api/topics');
  return useMemo(() => {
    const options: Record<string, { value: string; label: string }[]> = {};
    if (templates.state === 'loaded') options.templateId = templates.data.templates.map((template) => ({ value: template.id, label: template.name }));
    if (segments.state === 'loaded') options.segmentId = segments.data.segments.map((segment) => ({ value: segment.id, label: `${segment.name} (${segment.size})` }));
    if (topics.state === 'loaded') options.topic = topics.data.topics.map((topic) => ({ value: topic.id, label: topic.name }));
    return options;
  }, [templates, segments, topics]);
}

function ExportButton({ journey, graph }: { journey: JourneyView; graph: JourneyGraph }) {
  return (
    <button type="button" onClick={() => downloadText(exportFileName(journey.id), exportJourney({ ...journey, graph }))}>
      Export
    </button>
  );
}

/** The problems a 400 from publish carries in `details.problems`. */
function problemsOf(error: unknown): JourneyProblem[] | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const parsed = journeyProblemSchema.array().safeParse((error.details as { problems?: unknown } | undefined)?.problems);
  return parsed.success ? parsed.data : null;
}

type SaveState = { saving: boolean; error: string | null };

/** The draft in the editor: autosaved, validated, published. */
function DraftScreen({ journey, onJourney }: { journey: JourneyView; onJourney: (journey: JourneyView) => void }) {
  const initial = useMemo<JourneyInput>(() => ({ name: journey.name, description: journey.description, graph: journey.graph }), [journey.name, journey.description, journey.graph]);
  const [draft, setDraft] = useState<JourneyInput>(initial);
  const [savedDraft, setSavedDraft] = useState<JourneyInput>(initial);
  const [save, setSave] = useState<SaveState>({ saving: false, error: null });
  const [problems, setProblems] = useState<JourneyProblem[]>([]);
  const [warnings, setWarnings] = useState<JourneyProblem[]>([]);
  const [validated, setValidated] = useState(false);
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'problem' } | null>(null);
  const [busy, setBusy] = useState<'validate' | 'publish' | null>(null);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const fieldOptions = useFieldOptions();

  const local = useMemo(() => journeyInputSchema.safeParse(draft), [draft]);
  const onGraphChange = useCallback((graph: JourneyGraph) => setDraft((current) => ({ ...current, graph })), []);

  const validate = useCallback(async (graph: JourneyGraph) => {
    const result = await api.post<{ ok: boolean; problems: JourneyProblem[]; warnings: JourneyProblem[] }>('/api/journeys/validate', { graph });
    setProblems(result.problems);
    setWarnings(result.warnings);
    setValidated(true);
    return result;
  }, []);

  /** Saves one draft after the saves before it, so the server never ends with an older one. */
  const enqueueSave = useCallback(
    (input: JourneyInput): Promise<boolean> => {
      const run = queue.current.then(async () => {
        setSave((current) => ({ ...current, saving: true }));
        try {
          await api.put<{ journey: JourneyView }>(journeyPath(journey.id), input);
          setSavedDraft(input);
          setSave({ saving: false, error: null });
          return true;
        } catch (error) {
          setSave({ saving: false, error: (error as Error).message });
          return false;
        }
      });
      queue.current = run;
      return run;
    },
    [journey.id],
  );

  // Autosave: a pause in editing saves the draft (only drafts the API would take).
  useEffect(() => {
    if (draft === savedDraft || !local.success) return;
    const timer = setTimeout(() => {
      void enqueueSave(draft).then((saved) => {
        // Once the marketer has asked for problems, keep them true to the drawing.
        if (saved && validated) void validate(draft.graph).catch(() => undefined);
      });
    }, 800);
    return () => clearTimeout(timer);
  }, [draft, savedDraft, local.success, enqueueSave, validated, validate]);

  const onValidate = async () => {
    setBusy('validate');
    setNotice(null);
    try {
      const result = await validate(draft.graph);
      setNotice(result.ok ? { text: result.warnings.length ? 'No problems (see the warnings).' : 'No problems: ready to publish.', tone: 'ok' } : { text: `${result.problems.length} problems to fix before publishing.`, tone: 'problem' });
    } catch (error) {
      setNotice({ text: `Validation failed: ${(error as Error).message}`, tone: 'problem' });
    } finally {
      setBusy(null);
    }
  };

  const onPublish = async () => {
    setBusy('publish');
    setNotice(null);
    try {
      if (!local.success) {
        setNotice({ text: 'Fix the settings marked on the canvas first: the draft cannot be saved as it is.', tone: 'problem' });
        return;
      }
      if (draft !== savedDraft && !(await enqueueSave(draft))) {
        setNotice({ text: 'The draft could not be saved, so it was not published.', tone: 'problem' });
        return;
      }
      const result = await api.post<{ journey: JourneyView; version: number; warnings: JourneyProblem[] }>(`${journeyPath(journey.id)}/publish`);
      setProblems([]);
      setWarnings(result.warnings);
      setNotice({ text: `Published version ${result.version}.`, tone: 'ok' });
      onJourney(result.journey);
    } catch (error) {
      const refused = problemsOf(error);
      if (refused) {
        setProblems(refused);
        setValidated(true);
        setNotice({ text: `Not published: ${refused.length} problems to fix.`, tone: 'problem' });
      } else setNotice({ text: `Publishing failed: ${(error as Error).message}`, tone: 'problem' });
    } finally {
      setBusy(null);
    }
  };

  const saveStatus = !local.success
    ? `Not saved: ${local.error.issues.length} settings to fix`
    : save.error
      ? `Not saved: ${save.error}`
      : save.saving || draft !== savedDraft
        ? 'Saving…'
        : 'Saved';

  return (
    <main className="journey-screen">
      <JourneyHeader journey={journey} current="edit" onJourney={onJourney}>
        <label className="journey-name">
          <span className="visually-hidden">Journey name</span>
          <input type="text" value={draft.name} maxLength={120} onChange={(event) => setDraft((current) => ({ ...current, name: event.target.value }))} />
        </label>
      </JourneyHeader>
      <JourneyEditor
        initialGraph={initial.graph}
        mode="edit"
        problems={problems}
        warnings={warnings}
        fieldOptions={fieldOptions}
        onGraphChange={onGraphChange}
        toolbar={
          <>
            <button type="button" onClick={() => void onValidate()} disabled={busy !== null}>
              Validate
            </button>
            <button type="button" className="primary" onClick={() => void onPublish()} disabled={busy !== null || journey.status === 'archived'}>
              Publish
            </button>
            <ExportButton journey={journey} graph={draft.graph} />
            <ImportJourneyButton />
            <span className={`save-status${saveStatus.startsWith('Not saved') ? ' problem' : ''}`} role="status" aria-label="Save status">
              {saveStatus}
            </span>
            {notice && (
              <span className={`journey-notice ${notice.tone}`} role={notice.tone === 'problem' ? 'alert' : 'status'}>
                {notice.text}
              </span>
            )}
          </>
        }
      />
    </main>
  );
}

/** A published version as it was drawn, read-only. */
function VersionScreen({ journey, version, onJourney }: { journey: JourneyView; version: number; onJourney: (journey: JourneyView) => void }) {
  const loaded = useApiData<VersionDetail>(`${journeyPath(journey.id)}/versions/${version}`);
  return (
    <main className="journey-screen">
      <JourneyHeader journey={journey} current={version} onJourney={onJourney} />
      {loaded.state === 'loading' && <p>Loading version {version}…</p>}
      {loaded.state === 'failed' && <p className="problem">Version {version} could not be loaded: {loaded.message}</p>}
      {loaded.state === 'loaded' && (
        <JourneyEditor
          initialGraph={loaded.data.graph}
          mode="readOnly"
          toolbar={
            <>
              <span className="journey-readonly-banner">
                Version {loaded.data.version} (read-only), published {when(loaded.data.publishedAt)}
              </span>
              <ExportButton journey={{ ...journey, name: loaded.data.name }} graph={loaded.data.graph} />
            </>
          }
        />
      )}
    </main>
  );
}

/** The published version with its live counts, refreshed every few seconds. */
function LiveScreen({ journey, onJourney }: { journey: JourneyView; onJourney: (journey: JourneyView) => void }) {
  const published = journey.publishedVersion;
  const loaded = useApiData<VersionDetail>(published === null ? null : `${journeyPath(journey.id)}/versions/${published}`);
  const tick = useTicker(liveRefreshMs);
  const counts = useApiData<{ nodes: NodeCounts[] }>(published === null ? null : `${journeyPath(journey.id)}/counts`, tick);
  // A failed refresh leaves the last counts on screen beside the error.
  const current = useMemo(() => countsByNode(counts.state === 'loaded' ? counts.data.nodes : counts.state === 'failed' ? (counts.last?.nodes ?? []) : []), [counts]);

  const renderNodeDetails = useCallback((node: JourneyNode) => <LearnersAtNode journeyId={journey.id} node={node} tick={tick} />, [journey.id, tick]);

  return (
    <main className="journey-screen">
      <JourneyHeader journey={journey} current="live" onJourney={onJourney} />
      {published === null && <p>This journey has not been published yet: there is nothing live to show.</p>}
      {loaded.state === 'failed' && <p className="problem">The published version could not be loaded: {loaded.message}</p>}
      {loaded.state === 'loaded' && (
        <JourneyEditor
          initialGraph={loaded.data.graph}
          mode="live"
          counts={current}
          renderNodeDetails={renderNodeDetails}
          toolbar={
            <>
              <span className="journey-readonly-banner">Live: version {loaded.data.version}, counts refresh every {liveRefreshMs / 1000} s</span>
              {counts.state === 'failed' && (
                <span className="problem" role="alert">
                  Counts could not be refreshed: {counts.message}
                </span>
              )}
              <ExportButton journey={journey} graph={loaded.data.graph} />
            </>
          }
        />
      )}
    </main>
  );
}

/** The learners whose runs are at a node now, each linked to its run in the Temporal UI. */
function LearnersAtNode({ journeyId, node, tick }: { journeyId: string; node: JourneyNode; tick: number }) {
  const runs = useApiData<{ runs: RunView[] }>(`${journeyPath(journeyId)}/runs?node=${encodeURIComponent(node.id)}&limit=100`, tick);
  const settings = useApiData<DesignerSettings>('/api/designer/settings');
  const temporal = settings.state === 'loaded' ? settings.data : undefined;
  return (
    <section className="journey-learners" aria-label="Learners at step">
      <h2 className="journey-panel-heading">Learners at {nodeTitle(node)}</h2>
      {runs.state === 'loading' && <p>Loading…</p>}
      {runs.state === 'failed' && <p className="problem">Runs could not be loaded: {runs.message}</p>}
      {runs.state === 'loaded' && runs.data.runs.length === 0 && <p className="journey-hint">Nobody is here now.</p>}
      {runs.state === 'loaded' && runs.data.runs.length > 0 && (
        <ul>
          {runs.data.runs.map((run) => (
            <li key={run.runId}>
              {run.learnerId ? <a href={hrefOf({ screen: 'learner', learnerId: run.learnerId })}>{run.learnerId}</a> : <span>{run.workflowId}</span>}{' '}
              <span className="journey-hint">since {when(run.startedAt)}</span>{' '}
              {temporal && (
                <a href={temporalRunUrl(run.workflowId, temporal)} target="_blank" rel="noreferrer" aria-label={`Run of ${run.learnerId ?? run.workflowId} in Temporal`}>
                  Run in Temporal
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      {temporal && <p className="journey-hint">Run links open the Temporal UI at {temporal.temporalUiUrl}.</p>}
    </section>
  );
}
