import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { JourneyService } from '../../api/journeys/journeyService';
import type { JourneyGraph, JourneyNode } from '../../domain/journeys';
import type { Mailer, OutgoingEmail } from '../../messages/mailer';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import type { MessageSendDocument } from '../../store/models/messageSend';
import type { JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';
import { testRuntime } from '../support/segments';
import { startTimeSkippingServer } from '../support/timeSkipping';
import { startTestWorker } from '../support/worker';
import { RecordingClock } from '../segments/support';
import { publishGraph, saveTemplates, waitUntil } from './support';

const at = { x: 0, y: 0 };
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });
const send = (id: string, templateId: string): JourneyNode => ({ id, type: 'sendMessage', position: at, settings: { templateId, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } });

/** send → wait 2 days → send, under the promotions topic; exits when the learner unsubscribes from all marketing. */
const twoMails = (first: string, second: string): JourneyGraph => ({
  nodes: [
    { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } },
    send('first', first),
    { id: 'wait', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
    send('second', second),
    { id: 'done', type: 'exit', position: at, settings: {} },
  ],
  edges: [edge('start', 'next', 'first'), edge('first', 'next', 'wait'), edge('wait', 'next', 'second'), edge('second', 'next', 'done')],
  goals: [],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
});

/**
 * Unsubscribing is honoured at once, even by a run already waiting: the worker's sender reads consent
 * at send time. Runs on the time-skipping server; mail goes to a recording mailer; the learner uses
 * the real API's public pages, through the links in the mail they received.
 */
describe('unsubscribing while a journey run waits', () => {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `unsubscribe-${tag}`;
  const delivered: OutgoingEmail[] = [];
  const mailer: Mailer = { send: async (email) => (delivered.push(email), { response: '250 recorded' }), close: () => undefined };
  let environment: TestWorkflowEnvironment;
  let store: Store;
  let runtime: ProcessRuntime;
  let service: JourneyService;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  let api: Awaited<ReturnType<typeof buildTestApp>>;

  beforeAll(async () => {
    environment = await startTimeSkippingServer();
    store = await openTestStore('unsubscribe');
    // As in timeSkipping.test.ts: the segment clock must not follow the skipped Temporal time.
    runtime = testRuntime(store, { temporalAddress: environment.address, taskQueue, clock: new RecordingClock(), mailer });
    service = new JourneyService(runtime.journeys);
    // The API process, with its own runtime (its router signals runs on the same server), as in production.
    api = await buildTestApp(store, { temporalAddress: environment.address, taskQueue });
    worker = await startTestWorker(store, runtime, taskQueue, { environment });
    await saveTemplates(runtime.journeys.models, ['first-offer', 'second-offer'], tag);
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await api?.close();
    await runtime?.close();
    await environment?.teardown();
    if (store) await dropAndClose(store);
  });

  const learner = async (name: string) => {
    const userId = `${name.toLowerCase()}-${randomUUID()}`;
    const email = `${userId}@example.com`;
    const result = await runtime.ingestion.ingest([{ type: 'identify', userId, traits: { firstName: name, email } }], { source: 'api' });
    return { learnerId: result.learnerIds[0]!, email };
  };
  const mailsTo = (email: string) => delivered.filter((mail) => mail.to === email);
  const resultOf = (workflowId: string) => environment.client.workflow.getHandle(workflowId).result() as Promise<JourneyRunResult>;
  const ledgerOf = async (learnerId: string) => (await store.models.messageSends.find({ learnerId }).lean<MessageSendDocument[]>()).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const pathOf = (url: string) => new URL(url).pathname;

  it('a run already waiting sends no further marketing message after the learner unsubscribes (one-click)', async () => {
    const journeyId = await publishGraph(service, `Unsubscribe one-click ${tag}`, twoMails('first-offer', 'second-offer'));
    const kim = await learner('Kim');
    const { workflowId } = await service.enter(journeyId, kim.learnerId);
    // Time does not skip until the test awaits the result, so the run is parked in its 2-day delay.
    const [first] = await waitUntil(async () => mailsTo(kim.email).length === 1 && mailsTo(kim.email));
    expect(first!.subject).toContain('first-offer');
    expect(first!.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });

    // The mail client's one-click unsubscribe (RFC 8058), to the URL in the header.
    const url = first!.headers!['List-Unsubscribe']!.slice(1, -1);
    const clicked = await api.app.inject({ method: 'POST', url: pathOf(url), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(clicked.statusCode).toBe(200);

    const result = await resultOf(workflowId!);
    // The run went through its delay and reached the second send, which the sender refused.
    expect(result.outcome).toBe('completed');
    expect(result.path.map((step) => step.nodeId)).toEqual(['start', 'first', 'wait', 'second', 'done']);
    expect(mailsTo(kim.email)).toHaveLength(1);
    const ledger = await ledgerOf(kim.learnerId);
    expect(ledger.map((entry) => [entry.nodeId, entry.status, entry.reason ?? null])).toEqual([
      ['first', 'sent', null],
      ['second', 'skipped', 'opted out of promotions'],
    ]);
    expect(await store.models.auditLog.countDocuments({ learnerId: kim.learnerId, actor: 'learner' })).toBe(1);
  });

  it('unsubscribing from all marketing on the preference page ends the waiting run at once', async () => {
    const journeyId = await publishGraph(service, `Unsubscribe all ${tag}`, twoMails('first-offer', 'second-offer'));
    const lou = await learner('Lou');
    const { workflowId } = await service.enter(journeyId, lou.learnerId);
    const [first] = await waitUntil(async () => mailsTo(lou.email).length === 1 && mailsTo(lou.email));
    const preferences = /Manage your email preferences: (\S+)/.exec(first!.text)![1]!;
    const page = await api.app.inject({ url: pathOf(preferences) });
    expect(page.statusCode).toBe(200);
    const saved = await api.app.inject({ method: 'POST', url: pathOf(preferences), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'form=preferences&topic=course-updates&topic=promotions&unsubscribe_all=yes' });
    expect(saved.statusCode).toBe(200);

    const result = await resultOf(workflowId!);
    expect(result).toMatchObject({ outcome: 'exited' });
    expect(result.path.map((step) => step.nodeId)).not.toContain('second');
    expect(mailsTo(lou.email)).toHaveLength(1);
    expect((await ledgerOf(lou.learnerId)).map((entry) => entry.nodeId)).toEqual(['first']);
  });
});
