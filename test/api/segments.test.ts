import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { exampleSegments, type SegmentRule } from '../../domain/segments';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';
import { startTestWorker } from '../support/worker';

const DAY = 86_400_000;
const newLeads = exampleSegments.find((segment) => segment.id === 'new-leads')!;
const viewedPricing: SegmentRule = {
  version: 1,
  condition: { type: 'event', event: 'Course Page Viewed', where: [{ property: 'path', operator: 'startsWith', value: '/courses/' }], count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } },
};

describe('segment API', () => {
  const taskQueue = `segments-api-${randomUUID()}`;
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Record<string, string>;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  const learners: Record<string, string> = {};

  const ingest = async (userId: string, messages: Record<string, unknown>[]) => {
    const result = await built.runtime.ingestion.ingest(messages.map((message) => ({ userId, ...message })), { source: 'api' });
    learners[userId] = result.learnerIds[0]!;
  };
  const waitForEvaluation = async (segmentId: string, version: number) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const { segment } = (await app.inject({ url: `/api/segments/${segmentId}`, headers: admin })).json();
      if (segment.evaluation.version === version && segment.evaluation.state === 'done') return segment;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`evaluation of ${segmentId} v${version} did not finish`);
  };

  beforeAll(async () => {
    store = await openTestStore('segmentsapi');
    built = await buildTestApp(store, { taskQueue });
    app = built.app;
    admin = bearer((await new ApiKeys(store.models).create({ name: 'marketer', kind: 'admin' })).secret);
    worker = await startTestWorker(store, built.runtime, taskQueue);
    const now = Date.now();
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    await ingest('ada', [
      { type: 'identify', traits: { email: 'ada@example.com', name: 'Ada' } },
      { type: 'track', event: 'Lead Magnet Downloaded', timestamp: at(3) },
      { type: 'track', event: 'Course Page Viewed', properties: { path: '/courses/python' }, timestamp: at(2) },
    ]);
    await ingest('bob', [
      { type: 'identify', traits: { email: 'bob@example.com', name: 'Bob' } },
      { type: 'track', event: 'Lead Magnet Downloaded', timestamp: at(5) },
      { type: 'track', event: 'Enrolled', timestamp: at(1) },
    ]);
    await ingest('cy', [{ type: 'identify', traits: { email: 'cy@example.com', name: 'Cy', plan: 'pro', age: 41 } }]);
  });
  afterAll(async () => {
    await worker?.stop();
    await built?.close();
    await dropAndClose(store);
  });

  it('estimates a rule before it is saved, with sample members', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/segments/estimate', headers: admin, payload: { rule: newLeads.rule } });
    expect(response.statusCode).toBe(200);
    expect(response.json().estimate).toMatchObject({ count: 1, exact: true, matchesNobody: false, sample: [{ learnerId: learners.ada, email: 'ada@example.com', name: 'Ada' }] });
  });

  it('creates a segment, evaluates every learner in the background and lists it with its size', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'New leads', rule: newLeads.rule } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ segment: { id: 'new-leads', kind: 'dynamic', version: 1 }, warnings: [], estimate: { count: 1 } });
    const segment = await waitForEvaluation('new-leads', 1);
    expect(segment).toMatchObject({ size: 1, evaluation: { processed: 3, total: 3, entered: 1, exited: 0 } });
    const list = await app.inject({ url: '/api/segments', headers: admin });
    expect(list.json().segments.map((entry: { id: string; size: number }) => [entry.id, entry.size])).toEqual([['new-leads', 1]]);
    const members = await app.inject({ url: '/api/segments/new-leads/members', headers: admin });
    expect(members.json()).toMatchObject({ members: [{ learnerId: learners.ada, email: 'ada@example.com' }], next: null });
  });

  it('follows new events at once and records the learner history', async () => {
    await ingest('ada', [{ type: 'track', event: 'Enrolled' }]);
    const history = await app.inject({ url: `/api/learners/${learners.ada}/segments`, headers: admin });
    expect(history.statusCode).toBe(200);
    expect(history.json()).toMatchObject({ segmentIds: [], periods: [{ segmentId: 'new-leads', segmentName: 'New leads', exitedAt: expect.any(String) }] });
  });

  it('explains why a learner is in or out', async () => {
    const response = await app.inject({ url: `/api/segments/new-leads/learners/${learners.bob}`, headers: admin });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ member: false, matchesNow: false, explanation: { held: false } });
    const failing = body.explanation.children.find((child: { held: boolean }) => !child.held);
    expect(failing.detail).toMatch(/Enrolled/);
  });

  it('re-evaluates everyone after an update, with progress, and emits the transitions', async () => {
    await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'Viewed a course', rule: { ...viewedPricing, condition: { ...viewedPricing.condition, count: { operator: 'atLeast', value: 5 } } } } });
    await waitForEvaluation('viewed-a-course', 1);
    const updated = await app.inject({ method: 'PUT', url: '/api/segments/viewed-a-course', headers: admin, payload: { name: 'Viewed a course', rule: viewedPricing } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().segment.version).toBe(2);
    const segment = await waitForEvaluation('viewed-a-course', 2);
    expect(segment).toMatchObject({ size: 1, evaluation: { entered: 1, processed: 3 } });
    expect(await store.models.learnerEvents.countDocuments({ learnerId: learners.ada, name: 'Segment Entered', 'properties.segmentId': 'viewed-a-course' })).toBe(1);
  });

  it('turns a CSV of emails and ids into a static segment usable in rules', async () => {
    const csv = `email\nbob@example.com\n${learners.cy}\nnobody@example.com\n`;
    const created = await app.inject({ method: 'POST', url: '/api/segments/lists?name=Webinar%20guests', headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ segment: { id: 'webinar-guests', kind: 'static', size: 2 }, added: 2, unknown: ['nobody@example.com'] });
    const rule: SegmentRule = { version: 1, condition: { type: 'all', conditions: [{ type: 'segment', segmentId: 'webinar-guests', operator: 'in' }, { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' }] } };
    const built = await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'Pro guests', rule } });
    expect(built.statusCode).toBe(201);
    expect((await waitForEvaluation('pro-guests', 1)).size).toBe(1);
    // Dropping cy from the list moves cy out of the segment built on it, at once.
    const replaced = await app.inject({ method: 'PUT', url: '/api/segments/webinar-guests/members', headers: admin, payload: { members: ['bob@example.com'] } });
    expect(replaced.json()).toEqual({ added: 0, removed: 1, unknown: [] });
    expect((await app.inject({ url: '/api/segments/pro-guests', headers: admin })).json().segment.size).toBe(0);
  });

  it('says when a rule matches nobody, and allows it', async () => {
    const rule: SegmentRule = { version: 1, condition: { type: 'trait', trait: 'country', operator: 'equals', value: 'IS' } };
    const response = await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'Iceland', rule } });
    expect(response.statusCode).toBe(201);
    expect(response.json().estimate).toMatchObject({ count: 0, matchesNobody: true });
  });

  it('archives a segment: its members leave and it is no longer listed', async () => {
    const archived = await app.inject({ method: 'POST', url: '/api/segments/viewed-a-course/archive', headers: admin });
    expect(archived.json().segment).toMatchObject({ status: 'archived', size: 0 });
    const list = await app.inject({ url: '/api/segments', headers: admin });
    expect(list.json().segments.map((entry: { id: string }) => entry.id)).not.toContain('viewed-a-course');
  });

  describe('rejects invalid rules with the path inside the rule', () => {
    const create = (rule: unknown) => app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: `Bad ${randomUUID()}`, rule } });
    const cases: [string, unknown, (string | number)[]][] = [
      ['an unknown operator', { version: 1, condition: { type: 'trait', trait: 'plan', operator: 'resembles', value: 'pro' } }, ['rule', 'condition', 'operator']],
      ['contains on a number', { version: 1, condition: { type: 'trait', trait: 'age', operator: 'contains', value: 4 } }, ['rule', 'condition', 'value']],
      ['a window of zero days', { version: 1, condition: { type: 'event', event: 'Logged In', count: { operator: 'atLeast', value: 1 }, window: { kind: 'last', duration: { amount: 0, unit: 'days' } } } }, ['rule', 'condition', 'window', 'duration', 'amount']],
      ['a nested mistake', { version: 1, condition: { type: 'all', conditions: [{ type: 'not', condition: { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: -1 }, window: { kind: 'ever' } } }] } }, ['rule', 'condition', 'conditions', 0, 'condition', 'count', 'value']],
      ['an unknown segment', { version: 1, condition: { type: 'segment', segmentId: 'no-such-segment', operator: 'in' } }, ['rule', 'condition', 'segmentId']],
    ];
    it.each(cases)('%s', async (_name, rule, path) => {
      const response = await create(rule);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
      expect(response.json().error.details.issues.map((issue: { path: (string | number)[] }) => issue.path)).toContainEqual(path);
    });

    it('a cycle between segments', async () => {
      const refersTo = (segmentId: string): SegmentRule => ({ version: 1, condition: { type: 'segment', segmentId, operator: 'in' } });
      expect((await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'Loop a', rule: newLeads.rule } })).statusCode).toBe(201);
      expect((await app.inject({ method: 'POST', url: '/api/segments', headers: admin, payload: { name: 'Loop b', rule: refersTo('loop-a') } })).statusCode).toBe(201);
      const response = await app.inject({ method: 'PUT', url: '/api/segments/loop-a', headers: admin, payload: { name: 'Loop a', rule: refersTo('loop-b') } });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/cycle: loop-a → loop-b → loop-a|cycle: loop-b → loop-a → loop-b/);
      expect(response.json().error.details.issues[0].path).toEqual(['rule', 'condition', 'segmentId']);
    });

    it('unknown event and trait names are warnings, not errors', async () => {
      const rule: SegmentRule = { version: 1, condition: { type: 'all', conditions: [{ type: 'trait', trait: 'favouriteColour', operator: 'exists' }, { type: 'event', event: 'Corse Page Viewed', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } }] } };
      const response = await app.inject({ method: 'POST', url: '/api/segments/estimate', headers: admin, payload: { rule } });
      expect(response.statusCode).toBe(200);
      expect(response.json().warnings.map((warning: { path: (string | number)[] }) => warning.path)).toEqual([
        ['condition', 'conditions', 0, 'trait'],
        ['condition', 'conditions', 1, 'event'],
      ]);
    });

    it('needs an admin key', async () => {
      expect((await app.inject({ url: '/api/segments' })).statusCode).toBe(401);
    });
  });
});
