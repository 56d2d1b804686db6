import { randomUUID } from 'node:crypto';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { JourneyGraph, JourneyNode } from '../../domain/journeys';
import { exampleSegments } from '../../domain/segments';
import { mailsTagged, saveTemplates, waitUntil } from '../journeys/support';
import { saveSegment } from '../segments/support';
import { bearer } from '../support/app';
import { journeyApiUnderTest } from '../support/journeyApi';

const at = { x: 0, y: 0 };
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target });
const manualEntry: JourneyNode = { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } };
const exitNode: JourneyNode = { id: 'done', type: 'exit', position: at, settings: {} };
const send = (id: string, templateId: string, channel: 'email' | 'webhook' = 'email'): JourneyNode => ({ id, type: 'sendMessage', position: at, settings: { templateId, channel, kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer', ...(channel === 'webhook' ? { webhookUrl: 'https://crm.example.com/hook' } : {}) } });
const graphOf = (nodes: JourneyNode[], edges: ReturnType<typeof edge>[]): JourneyGraph => ({ nodes, edges, goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } });

interface Problem {
  nodeId: string | null;
  code: string;
}
const pairs = (problems: Problem[]) => problems.map((problem) => `${problem.code}@${problem.nodeId}`).sort();

describe('journey API', () => {
  const api = journeyApiUnderTest('journeys-api', {
    prepare: async (store, tag) => {
      await saveSegment(store.models, exampleSegments.find((segment) => segment.id === 'new-leads')!);
      await saveTemplates(store.models, [`welcome-${tag}`], tag);
    },
  });
  const { tag } = api;
  const template = `welcome-${tag}`;

  /** Welcome, then a condition on a segment that exists, then exit. */
  const validGraph = (label = 'Welcome'): JourneyGraph =>
    graphOf(
      [
        manualEntry,
        { ...send('welcome', template), label },
        { id: 'lead', type: 'condition', position: at, settings: { mode: 'yesNo', condition: { type: 'segment', segmentId: 'new-leads', operator: 'in' } } },
        exitNode,
      ],
      [edge('start', 'next', 'welcome'), edge('welcome', 'next', 'lead'), edge('lead', 'yes', 'done'), edge('lead', 'no', 'done')],
    );

  const post = (url: string, payload?: Record<string, unknown>) => api.app.inject({ method: 'POST', url, headers: api.admin, ...(payload ? { payload } : {}) });
  const get = (url: string) => api.app.inject({ url, headers: api.admin });
  const createJourney = async (name: string, graph: JourneyGraph) => {
    const response = await post('/api/journeys', { name, graph });
    expect(response.statusCode).toBe(201);
    return response.json().journey.id as string;
  };
  const learner = async (name: string) => {
    const userId = `${name.toLowerCase()}-${randomUUID()}`;
    const result = await api.built.runtime.ingestion.ingest([{ type: 'identify', userId, traits: { firstName: name, email: `${userId}@Example.com` } }], { source: 'api' });
    // Emails are normalised to lower case.
    return { learnerId: result.learnerIds[0]!, email: `${userId}@example.com` };
  };

  it('creates a draft with an id slugged from its name, gets it, saves it and lists it', async () => {
    const created = await post('/api/journeys', { name: `Welcome drip ${tag}`, graph: validGraph() });
    expect(created.statusCode).toBe(201);
    const id = `welcome-drip-${tag}`;
    expect(created.json().journey).toMatchObject({ id, name: `Welcome drip ${tag}`, description: '', status: 'draft', publishedVersion: null });
    expect(created.json().journey.graph.nodes.map((node: JourneyNode) => node.id)).toEqual(['start', 'welcome', 'lead', 'done']);

    const fetched = await get(`/api/journeys/${id}`);
    expect(fetched.statusCode).toBe(200);
    expect(fetched.json().journey).toMatchObject({ id, status: 'draft', graph: { edges: validGraph().edges } });

    const saved = await api.app.inject({ method: 'PUT', url: `/api/journeys/${id}`, headers: api.admin, payload: { name: 'Welcome drip, edited', description: 'Says hello', graph: validGraph('Hello there') } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().journey).toMatchObject({ id, name: 'Welcome drip, edited', description: 'Says hello', status: 'draft' });
    expect((await get(`/api/journeys/${id}`)).json().journey.graph.nodes[1]).toMatchObject({ id: 'welcome', label: 'Hello there' });

    // The same name again gets the next free slug.
    const again = await post('/api/journeys', { name: `Welcome drip ${tag}`, graph: validGraph() });
    expect(again.json().journey.id).toBe(`${id}-2`);
    const explicit = await post('/api/journeys', { id, name: 'Taken', graph: validGraph() });
    expect(explicit.statusCode).toBe(409);

    const list = await get('/api/journeys');
    expect(list.statusCode).toBe(200);
    expect(list.json().journeys.map((journey: { id: string; name: string }) => [journey.id, journey.name])).toEqual([
      [id, 'Welcome drip, edited'],
      [`${id}-2`, `Welcome drip ${tag}`],
    ]);
  });

  describe('validation', () => {
    it('reports a graph without an entry on the whole journey', async () => {
      const response = await post('/api/journeys/validate', { graph: graphOf([send('welcome', template), exitNode], [edge('welcome', 'next', 'done')]) });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ ok: false, warnings: [] });
      expect(pairs(response.json().problems)).toEqual(['no_entry@null']);
    });

    it('reports every problem of a broken graph, each on its node', async () => {
      const broken = graphOf(
        [
          manualEntry,
          send('untitled', ''),
          send('missing-template', 'no-such-template'),
          { id: 'ab', type: 'split', position: at, settings: { variants: [{ id: 'a', label: 'A', weight: 30 }, { id: 'b', label: 'B', weight: 30 }] } },
          { id: 'lead', type: 'condition', position: at, settings: { mode: 'yesNo', condition: { type: 'segment', segmentId: 'no-such-segment', operator: 'in' } } },
          send('hook', template, 'webhook'),
          { id: 'loop-1', type: 'updateProfile', position: at, settings: { set: { plan: 'a' }, unset: [], addTags: [], removeTags: [] } },
          { id: 'loop-2', type: 'updateProfile', position: at, settings: { set: { plan: 'b' }, unset: [], addTags: [], removeTags: [] } },
          { id: 'orphan', type: 'exit', position: at, settings: {} },
          exitNode,
        ],
        [
          edge('start', 'next', 'untitled'),
          edge('untitled', 'next', 'missing-template'),
          edge('missing-template', 'next', 'ab'),
          edge('ab', 'a', 'lead'),
          edge('ab', 'b', 'hook'),
          edge('lead', 'yes', 'loop-1'),
          // lead's "no" output leads nowhere.
          edge('hook', 'next', 'done'),
          edge('loop-1', 'next', 'loop-2'),
          edge('loop-2', 'next', 'loop-1'),
        ],
      );
      const journeysBefore = (await get('/api/journeys')).json().journeys.length;
      const response = await post('/api/journeys/validate', { graph: broken });
      expect(response.statusCode).toBe(200);
      const result = response.json();
      expect(result.ok).toBe(false);
      expect(pairs(result.problems)).toEqual(
        [
          'message_without_template@untitled',
          'unknown_template@missing-template',
          'split_weights@ab',
          'unknown_segment@lead',
          'missing_edge@lead',
          'cycle_without_wait@loop-1',
          'unreachable_node@orphan',
        ].sort(),
      );
      expect(result.problems.find((problem: Problem) => problem.code === 'missing_edge').message).toMatch(/"no" output/);
      expect(result.problems.every((problem: { message: string }) => problem.message.length > 0)).toBe(true);
      // Validating saves nothing.
      expect((await get('/api/journeys')).json().journeys).toHaveLength(journeysBefore);
    });

    it('finds a valid graph ok', async () => {
      const response = await post('/api/journeys/validate', { graph: validGraph() });
      expect(response.json()).toEqual({ ok: true, problems: [], warnings: [] });
    });
  });

  describe('publishing and the lifecycle', () => {
    it('refuses to publish a broken draft, listing its problems', async () => {
      const id = await createJourney(`Broken ${tag}`, graphOf([manualEntry, send('untitled', ''), exitNode], [edge('start', 'next', 'untitled')]));
      const response = await post(`/api/journeys/${id}/publish`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(pairs(response.json().error.details.problems)).toEqual(['message_without_template@untitled', 'missing_edge@untitled', 'unreachable_node@done']);
      expect((await get(`/api/journeys/${id}`)).json().journey).toMatchObject({ status: 'draft', publishedVersion: null });
      expect((await get(`/api/journeys/${id}/versions`)).json().versions).toEqual([]);
    });

    it('publishes versions, lists them newest first and shows each as published', async () => {
      const id = await createJourney(`Versions ${tag}`, validGraph('First'));
      const first = await post(`/api/journeys/${id}/publish`);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ version: 1, warnings: [], journey: { id, status: 'active', publishedVersion: 1 } });

      const edited = await api.app.inject({ method: 'PUT', url: `/api/journeys/${id}`, headers: api.admin, payload: { name: `Versions ${tag} v2`, graph: validGraph('Second') } });
      expect(edited.statusCode).toBe(200);
      const second = await post(`/api/journeys/${id}/publish`);
      expect(second.json()).toMatchObject({ version: 2, journey: { status: 'active', publishedVersion: 2 } });

      const versions = await get(`/api/journeys/${id}/versions`);
      expect(versions.statusCode).toBe(200);
      expect(versions.json().versions.map((entry: { version: number; name: string }) => [entry.version, entry.name])).toEqual([
        [2, `Versions ${tag} v2`],
        [1, `Versions ${tag}`],
      ]);
      const v1 = await get(`/api/journeys/${id}/versions/1`);
      expect(v1.statusCode).toBe(200);
      expect(v1.json()).toMatchObject({ version: 1, name: `Versions ${tag}`, publishedAt: expect.any(String) });
      expect(v1.json().graph.nodes[1]).toMatchObject({ id: 'welcome', label: 'First' });
      expect((await get(`/api/journeys/${id}/versions/2`)).json().graph.nodes[1]).toMatchObject({ label: 'Second' });
      expect((await get(`/api/journeys/${id}/versions/3`)).statusCode).toBe(404);
    });

    it('pauses, resumes and archives; a paused or archived journey takes no entries, an archived one cannot be published', async () => {
      const id = await createJourney(`Lifecycle ${tag}`, validGraph());
      expect((await post(`/api/journeys/${id}/pause`)).statusCode).toBe(409); // never published
      expect((await post(`/api/journeys/${id}/publish`)).json().journey.status).toBe('active');
      const someone = await learner('Pat');

      const paused = await post(`/api/journeys/${id}/pause`);
      expect(paused.statusCode).toBe(200);
      expect(paused.json().journey.status).toBe('paused');
      const refused = await post(`/api/journeys/${id}/entries`, { learnerId: someone.learnerId });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/paused/) });

      const resumed = await post(`/api/journeys/${id}/resume`);
      expect(resumed.statusCode).toBe(200);
      expect(resumed.json().journey.status).toBe('active');
      // Asking for the status a journey already has changes nothing.
      expect((await post(`/api/journeys/${id}/resume`)).json().journey.status).toBe('active');

      const archived = await post(`/api/journeys/${id}/archive`);
      expect(archived.statusCode).toBe(200);
      expect(archived.json().journey.status).toBe('archived');
      expect((await post(`/api/journeys/${id}/entries`, { learnerId: someone.learnerId })).statusCode).toBe(409);
      const republished = await post(`/api/journeys/${id}/publish`);
      expect(republished.statusCode).toBe(409);
      expect(republished.json().error.code).toBe('conflict');
      expect((await api.app.inject({ method: 'PUT', url: `/api/journeys/${id}`, headers: api.admin, payload: { name: 'Again', graph: validGraph() } })).statusCode).toBe(409);
      expect((await post(`/api/journeys/${id}/resume`)).statusCode).toBe(409);
      expect((await get(`/api/journeys/${id}`)).json().journey).toMatchObject({ status: 'archived', publishedVersion: 1 });
    });
  });

  it('puts a learner into a manual journey: the run waits, sends, and shows in runs and per-node counts', async () => {
    const graph = graphOf(
      [
        manualEntry,
        { id: 'pause', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 2, unit: 'seconds' } } },
        send('welcome', template),
        { id: 'hold', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } },
        exitNode,
      ],
      [edge('start', 'next', 'pause'), edge('pause', 'next', 'welcome'), edge('welcome', 'next', 'hold'), edge('hold', 'next', 'done')],
    );
    const id = await createJourney(`Manual ${tag}`, graph);
    expect((await post(`/api/journeys/${id}/publish`)).statusCode).toBe(200);
    const ada = await learner('Ada');

    const enteredAt = Date.now();
    const entered = await post(`/api/journeys/${id}/entries`, { learnerId: ada.learnerId });
    expect(entered.statusCode).toBe(200);
    const workflowId = `journey-${id}-${ada.learnerId}`;
    expect(entered.json()).toEqual({ workflowId });
    api.started.push(workflowId);

    const [mail] = await waitUntil(async () => {
      const mails = (await mailsTagged(tag)).filter((caught) => caught.to[0]?.address === ada.email);
      return mails.length > 0 && mails;
    });
    expect(Date.now() - enteredAt).toBeGreaterThanOrEqual(2_000);
    expect(mail!.subject).toBe(`${template} for Ada ${tag}`);

    // Visibility is eventually consistent: wait until the run shows at its current node.
    const runs = await waitUntil(async () => {
      const response = await get(`/api/journeys/${id}/runs`);
      expect(response.statusCode).toBe(200);
      const listed = response.json().runs as { currentNode: string }[];
      return listed.length === 1 && listed[0]!.currentNode === 'hold' && listed;
    }, 10_000);
    expect(runs[0]).toMatchObject({ workflowId, learnerId: ada.learnerId, version: 1, currentNode: 'hold', status: 'RUNNING', courseId: null, closedAt: null });
    const atHold = await get(`/api/journeys/${id}/runs?node=hold`);
    expect(atHold.json().runs.map((run: { workflowId: string }) => run.workflowId)).toEqual([workflowId]);
    expect((await get(`/api/journeys/${id}/runs?node=pause`)).json().runs).toEqual([]);

    const counts = await waitUntil(async () => {
      const nodes = (await get(`/api/journeys/${id}/counts`)).json().nodes as { nodeId: string }[];
      return nodes.length === 4 && nodes;
    }, 10_000);
    const byNode = Object.fromEntries(counts.map(({ nodeId, ...rest }) => [nodeId, rest]));
    expect(byNode).toEqual({
      start: { entered: 1, waitingNow: 0, left: { next: 1 } },
      pause: { entered: 1, waitingNow: 0, left: { next: 1 } },
      welcome: { entered: 1, waitingNow: 0, left: { next: 1 }, messages: { sent: 1, opened: 0, clicked: 0, skipped: 0 } },
      hold: { entered: 1, waitingNow: 1, left: {} },
    });

    // Never two active runs of the same learner.
    const twice = await post(`/api/journeys/${id}/entries`, { learnerId: ada.learnerId });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toEqual({ workflowId: null });
    expect((await mailsTagged(tag)).filter((caught) => caught.to[0]?.address === ada.email)).toHaveLength(1);
  });

  describe('refusals', () => {
    it('answers 404 for an unknown journey, version or learner', async () => {
      for (const url of ['/api/journeys/no-such-journey', '/api/journeys/no-such-journey/versions', '/api/journeys/no-such-journey/runs', '/api/journeys/no-such-journey/counts']) {
        const response = await get(url);
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('not_found');
      }
      for (const action of ['publish', 'pause', 'resume', 'archive']) expect((await post(`/api/journeys/no-such-journey/${action}`)).statusCode).toBe(404);
      expect((await post('/api/journeys/no-such-journey/entries', { learnerId: 'someone' })).statusCode).toBe(404);
      expect((await api.app.inject({ method: 'PUT', url: '/api/journeys/no-such-journey', headers: api.admin, payload: { name: 'x', graph: validGraph() } })).statusCode).toBe(404);
      expect((await get('/api/journeys/no-such-journey/versions/1')).statusCode).toBe(404);
      const id = await createJourney(`Entries ${tag}`, validGraph());
      await post(`/api/journeys/${id}/publish`);
      const nobody = await post(`/api/journeys/${id}/entries`, { learnerId: 'no-such-learner' });
      expect(nobody.statusCode).toBe(404);
    });

    it('refuses an invalid body, naming the path', async () => {
      const unknownType = await post('/api/journeys', { name: 'Bad', graph: { nodes: [{ id: 'teleport', type: 'teleport', position: at, settings: {} }], edges: [] } });
      expect(unknownType.statusCode).toBe(400);
      expect(unknownType.json().error.code).toBe('validation_failed');
      expect(unknownType.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toContainEqual(['graph', 'nodes', 0, 'type']);

      const badSettings = await post('/api/journeys/validate', { graph: graphOf([{ ...manualEntry, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'sometimes' } } } as unknown as JourneyNode], []) });
      expect(badSettings.statusCode).toBe(400);
      expect(badSettings.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toContainEqual(['graph', 'nodes', 0, 'settings', 'reentry', 'mode']);

      const badId = await post('/api/journeys', { id: 'Not A Slug', name: 'Bad', graph: validGraph() });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toContainEqual(['id']);

      const noLearner = await post('/api/journeys/anything/entries', {});
      expect(noLearner.statusCode).toBe(400);
      expect(noLearner.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toContainEqual(['learnerId']);
    });

    it('answers a node filter that is not a node id without a server error', async () => {
      const id = await createJourney(`Filter ${tag}`, validGraph());
      // A trailing backslash escapes the closing quote of the visibility query built from it.
      const response = await get(`/api/journeys/${id}/runs?node=${encodeURIComponent('welcome\\')}`);
      expect([200, 400]).toContain(response.statusCode);
    });

    it('needs an admin key', async () => {
      expect((await api.app.inject({ url: '/api/journeys' })).statusCode).toBe(401);
      expect((await api.app.inject({ method: 'POST', url: '/api/journeys', payload: { name: 'x', graph: validGraph() } })).statusCode).toBe(401);
      expect((await api.app.inject({ method: 'POST', url: '/api/journeys/validate', payload: { graph: validGraph() } })).statusCode).toBe(401);
      expect((await api.app.inject({ method: 'POST', url: '/api/journeys/anything/entries', payload: { learnerId: 'x' } })).statusCode).toBe(401);
      const write = bearer((await new ApiKeys(api.store.models).create({ name: 'website', kind: 'write' })).secret);
      expect((await api.app.inject({ url: '/api/journeys', headers: write })).statusCode).toBe(403);
    });
  });

  // Last in the file: while the bug stands, the id it stores makes GET /api/journeys fail.
  it('gives a second journey with a long name a free id that is still a valid journey id', async () => {
    const name = `Long ${tag} ${'x'.repeat(60)}`;
    const first = await post('/api/journeys', { name, graph: validGraph() });
    expect(first.statusCode).toBe(201);
    expect(first.json().journey.id.length).toBeLessThanOrEqual(60);
    const second = await post('/api/journeys', { name, graph: validGraph() });
    expect(second.statusCode).toBe(201);
    const id = second.json().journey.id as string;
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,59}$/);
    expect(id).not.toBe(first.json().journey.id);
    expect((await get(`/api/journeys/${id}`)).statusCode).toBe(200);
    expect((await get('/api/journeys')).statusCode).toBe(200);
  });
});
