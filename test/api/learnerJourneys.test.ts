import type { JourneyGraph } from '../../domain/journeys';
import { waitUntil } from '../journeys/support';
import { journeyApiUnderTest } from '../support/journeyApi';

const at = { x: 0, y: 0 };
/** Manual entry, then a day's wait: the run stays at `hold` for the whole test. */
const holdingGraph: JourneyGraph = {
  nodes: [
    { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } },
    { id: 'hold', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
    { id: 'done', type: 'exit', position: at, settings: {} },
  ],
  edges: [
    { id: 'start-hold', source: 'start', sourceHandle: 'next', target: 'hold' },
    { id: 'hold-done', source: 'hold', sourceHandle: 'next', target: 'done' },
  ],
  goals: [],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
};

interface Run {
  journeyId: string;
  workflowId: string;
  learnerId: string;
  currentNode: string | null;
  status: string;
}

describe("a learner's journeys", () => {
  const api = journeyApiUnderTest('learner-journeys');
  const { tag } = api;

  const post = (url: string, payload?: Record<string, unknown>) => api.app.inject({ method: 'POST', url, headers: api.admin, ...(payload ? { payload } : {}) });
  const journeysOf = (learnerId: string) => api.app.inject({ url: `/api/learners/${encodeURIComponent(learnerId)}/journeys`, headers: api.admin });
  const publish = async (name: string) => {
    const created = await post('/api/journeys', { name, graph: holdingGraph });
    expect(created.statusCode).toBe(201);
    const id = created.json().journey.id as string;
    expect((await post(`/api/journeys/${id}/publish`)).statusCode).toBe(200);
    return id;
  };
  const enter = async (journeyId: string, learnerId: string) => {
    const entered = await post(`/api/journeys/${journeyId}/entries`, { learnerId });
    expect(entered.statusCode).toBe(200);
    api.started.push(entered.json().workflowId);
    return entered.json().workflowId as string;
  };

  it("lists the learner's runs from Temporal, across journeys and merged profiles, with where each stands", async () => {
    const onboarding = await publish(`Onboarding ${tag}`);
    const nurture = await publish(`Nurture ${tag}`);
    const visitor = (await api.built.runtime.ingestion.ingest([{ type: 'page', anonymousId: `v-${tag}`, properties: { path: '/pricing' } }], { source: 'api' })).learnerIds[0]!;
    const known = (await api.built.runtime.ingestion.ingest([{ type: 'identify', userId: `u-${tag}`, traits: { email: `u-${tag}@example.com` } }], { source: 'api' })).learnerIds[0]!;
    const other = (await api.built.runtime.ingestion.ingest([{ type: 'identify', userId: `o-${tag}`, traits: { email: `o-${tag}@example.com` } }], { source: 'api' })).learnerIds[0]!;
    const visitorRun = await enter(onboarding, visitor);
    const knownRun = await enter(nurture, known);
    const otherRun = await enter(onboarding, other);

    // Visibility is eventually consistent: wait until the run shows at its current node.
    const [only] = await waitUntil(async () => {
      const response = await journeysOf(known);
      expect(response.statusCode).toBe(200);
      const runs = response.json().runs as Run[];
      return runs.length === 1 && runs[0]!.currentNode === 'hold' && runs;
    }, 15_000);
    expect(only).toEqual({ journeyId: nurture, workflowId: knownRun, runId: expect.any(String), learnerId: known, version: 1, currentNode: 'hold', courseId: null, status: 'RUNNING', startedAt: expect.any(String), closedAt: null });

    // The visitor turns out to be the known learner: one person, whose runs include the visitor's.
    await api.built.runtime.ingestion.ingest([{ type: 'alias', previousId: `v-${tag}`, userId: `u-${tag}` }], { source: 'api' });
    for (const id of [known, visitor]) {
      const runs = await waitUntil(async () => {
        const listed = (await journeysOf(id)).json().runs as Run[];
        return listed.length === 2 && listed.every((run) => run.currentNode === 'hold') && listed;
      }, 15_000);
      expect(runs.map((run) => [run.journeyId, run.workflowId]).sort()).toEqual(
        [
          [onboarding, visitorRun],
          [nurture, knownRun],
        ].sort(),
      );
    }
    // Another learner's run of the same journey is not theirs.
    expect(((await journeysOf(other)).json().runs as Run[]).map((run) => run.workflowId)).toEqual([otherRun]);

    // Closed runs stay listed, with their status and end.
    await api.built.runtime.client.workflow.getHandle(otherRun).terminate('test');
    const closed = await waitUntil(async () => {
      const [run] = (await journeysOf(other)).json().runs as (Run & { closedAt: string | null })[];
      return run?.status === 'TERMINATED' && run;
    }, 15_000);
    expect(closed.closedAt).toEqual(expect.any(String));
  });

  it('answers [] for a learner with no runs, 404 for an unknown learner and 400 naming learnerId for one that could break the query', async () => {
    const quiet = (await api.built.runtime.ingestion.ingest([{ type: 'identify', userId: `q-${tag}`, traits: { email: `q-${tag}@example.com` } }], { source: 'api' })).learnerIds[0]!;
    const none = await journeysOf(quiet);
    expect(none.statusCode).toBe(200);
    expect(none.json()).toEqual({ runs: [] });
    const unknown = await journeysOf('lrn_nobody');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toBe('Learner lrn_nobody not found');
    for (const id of ["x' OR LearnerId != '", 'a b', 'x'.repeat(201)]) {
      const response = await journeysOf(id);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['learnerId']]);
    }
    expect((await api.app.inject({ url: `/api/learners/${quiet}/journeys` })).statusCode).toBe(401);
  });
});
