import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { JourneyService } from '../../api/journeys/journeyService';
import { journeyRunId, type JourneyGraph, type JourneyNode } from '../../domain/journeys';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import { journeyWorkflowV2, type JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { dropAndClose, openTestStore } from '../support/env';
import { testRuntime } from '../support/segments';
import { learnerEventSignal } from '../../workflows/journey/signals';
import { startTimeSkippingServer } from '../support/timeSkipping';
import { startTestWorker } from '../support/worker';
import { RecordingClock } from '../segments/support';
import { mailsTagged, publishExamples, publishGraph, saveTemplates, waitUntil } from './support';

const DAY = 86_400_000;
const at = { x: 0, y: 0 };
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });
const manualEntry: JourneyNode = { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } };
const exitNode: JourneyNode = { id: 'done', type: 'exit', position: at, settings: {} };

/**
 * Journeys over their whole calendar on the Java time-skipping server: weeks pass in seconds. Runs
 * start the way they do in production (events through the pipeline, the segment engine, the router),
 * activities use the real store and the real SMTP catcher.
 */
describe('journeys on the time-skipping test server', () => {
  const tag = randomUUID().slice(0, 8);
  let environment: TestWorkflowEnvironment;
  let store: Store;
  let runtime: ProcessRuntime;
  let service: JourneyService;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;
  const taskQueue = `journeys-${tag}`;

  beforeAll(async () => {
    environment = await startTimeSkippingServer();
    store = await openTestStore('journeys');
    // Segment memberships here change through events only: the segment clock follows Temporal's time,
    // which this server skips far ahead of the engine's wall clock.
    runtime = testRuntime(store, { temporalAddress: environment.address, taskQueue, clock: new RecordingClock() });
    service = await publishExamples(runtime, tag);
    worker = await startTestWorker(store, runtime, taskQueue, { environment });
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await runtime?.close();
    await environment?.teardown();
    if (store) await dropAndClose(store);
  });

  const learner = async (name: string, traits: Record<string, unknown> = {}) => {
    const userId = `${name.toLowerCase()}-${randomUUID()}`;
    const result = await runtime.ingestion.ingest([{ type: 'identify', userId, traits: { firstName: name, email: `${userId}@example.com`, ...traits } }], { source: 'api' });
    return { userId, learnerId: result.learnerIds[0]!, email: `${userId}@example.com` };
  };
  const track = (userId: string, event: string, properties: Record<string, unknown> = {}, timestamp = new Date()) =>
    runtime.ingestion.ingest([{ type: 'track', userId, event, properties, timestamp: timestamp.toISOString() }], { source: 'api' });
  const resultOf = (workflowId: string) => environment.client.workflow.getHandle(workflowId).result() as Promise<JourneyRunResult>;
  const subjectsTo = async (email: string) => (await mailsTagged(tag)).filter((mail) => mail.to[0]?.address === email).map((mail) => mail.subject.split(' ')[0]);

  it('onboarding: an enrolment starts a run per course that sends the drip over 5 days', async () => {
    const ada = await learner('Ada');
    await track(ada.userId, 'Enrolled', { courseId: 'ux' });
    const result = await resultOf(`journey-onboarding-${ada.learnerId}-ux`);
    expect(result.outcome).toBe('completed');
    expect(result.path.map((step) => step.nodeId)).toEqual(expect.arrayContaining(['enrolled', 'wait-2-days', 'wait-3-days']));
    expect(await subjectsTo(ada.email)).toEqual(['onboarding-welcome', 'onboarding-tips', 'onboarding-progress']);
    const [welcome] = (await mailsTagged(tag)).filter((mail) => mail.to[0]?.address === ada.email);
    expect(welcome!.subject).toContain('for Ada');
  });

  it('a goal reached mid-wait ends the run at once, as converted', async () => {
    const bo = await learner('Bo');
    await track(bo.userId, 'Enrolled', { courseId: 'ux' });
    const workflowId = `journey-onboarding-${bo.learnerId}-ux`;
    await waitUntil(async () => (await subjectsTo(bo.email)).length === 1);
    await track(bo.userId, 'Course Completed', { courseId: 'ux' });
    const result = await resultOf(workflowId);
    expect(result).toMatchObject({ outcome: 'converted' });
    expect(await subjectsTo(bo.email)).toEqual(['onboarding-welcome']);
  });

  it('upsell: entering the highly engaged segment starts the offer; no order within 3 days sends the reminder', async () => {
    const cy = await learner('Cy');
    for (const event of ['Course Page Viewed', 'Course Page Viewed', 'Course Page Viewed', 'Email Opened', 'Email Opened']) await track(cy.userId, event);
    const result = await resultOf(`journey-upsell-${cy.learnerId}`);
    expect(result.outcome).toBe('completed');
    expect(result.path.find((step) => step.type === 'waitForEvent')?.output).toBe('timedOut');
    expect(await subjectsTo(cy.email)).toEqual(['upsell-offer', 'upsell-reminder']);
  });

  it('re-engagement: an at-risk student gets a reminder, and logging in ends the run', async () => {
    const di = await learner('Di');
    await track(di.userId, 'Enrolled', { courseId: 'ux' }, new Date(Date.now() - 8 * DAY));
    const workflowId = `journey-re-engagement-${di.learnerId}`;
    // (Enrolling also started the onboarding journey for this course.)
    const reengagement = async () => (await subjectsTo(di.email)).filter((subject) => subject?.startsWith('reengage'));
    await waitUntil(async () => (await reengagement()).length === 1);
    await track(di.userId, 'Logged In');
    const result = await resultOf(workflowId);
    expect(result.outcome).toBe('exited');
    expect(await reengagement()).toEqual(['reengage-reminder']);
  });

  it('runs every node type: profile update, A/B split, branches, time-of-day delay, wait with timeout, inactivity', async () => {
    await saveTemplates(runtime.journeys.models, ['every-step'], tag);
    const graph: JourneyGraph = {
      nodes: [
        manualEntry,
        { id: 'tag', type: 'updateProfile', position: at, settings: { set: { plan: 'trial' }, unset: [], addTags: ['journey-test'], removeTags: [] } },
        { id: 'ab', type: 'split', position: at, settings: { variants: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] } },
        { id: 'which', type: 'condition', position: at, settings: { mode: 'branches', branches: [{ id: 'trial', label: 'On trial', condition: { type: 'trait', trait: 'plan', operator: 'equals', value: 'trial' } }] } },
        { id: 'morning', type: 'delay', position: at, settings: { mode: 'until', timeOfDay: '09:00', weekdays: [1, 2, 3, 4, 5], fallbackTimezone: 'Europe/Berlin' } },
        { id: 'lesson', type: 'waitForEvent', position: at, settings: { event: 'Lesson Completed', timeout: { amount: 1, unit: 'days' } } },
        { id: 'quiet', type: 'inactivity', position: at, settings: { inactiveFor: { amount: 2, unit: 'days' } } },
        { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: 'every-step', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } },
        exitNode,
      ],
      edges: [
        edge('start', 'next', 'tag'),
        edge('tag', 'next', 'ab'),
        edge('ab', 'a', 'which'),
        edge('ab', 'b', 'which'),
        edge('which', 'trial', 'morning'),
        edge('which', 'else', 'done'),
        edge('morning', 'next', 'lesson'),
        edge('lesson', 'happened', 'quiet'),
        edge('lesson', 'timedOut', 'quiet'),
        edge('quiet', 'next', 'mail'),
        edge('mail', 'next', 'done'),
      ],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    };
    const journeyId = await publishGraph(service, `Every step ${tag}`, graph);
    const eve = await learner('Eve', { timezone: 'America/New_York' });
    const { workflowId } = await service.enter(journeyId, eve.learnerId);
    const result = await resultOf(workflowId!);
    expect(result.outcome).toBe('completed');
    expect(result.path.map((step) => `${step.nodeId}:${step.output}`)).toEqual([
      'start:next',
      'tag:next',
      expect.stringMatching(/^ab:(a|b)$/),
      'which:trial',
      'morning:next',
      'lesson:timedOut',
      'quiet:next',
      'mail:next',
      'done:end',
    ]);
    const morning = result.path.find((step) => step.nodeId === 'morning')!;
    const leftMorning = result.path.find((step) => step.nodeId === 'lesson')!.enteredAt;
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit', weekday: 'short', hourCycle: 'h23' }).format(new Date(leftMorning));
    expect(local).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 09:00$/);
    expect(leftMorning).toBeGreaterThanOrEqual(morning.enteredAt);
    const profile = await store.models.learners.findById(eve.learnerId).lean();
    expect(profile!.traits).toMatchObject({ plan: 'trial', tags: ['journey-test'] });
    expect(await subjectsTo(eve.email)).toEqual(['every-step']);
    // The same learner always gets the same variant.
    const again = await service.enter(journeyId, eve.learnerId);
    const second = await resultOf(again.workflowId!);
    expect(second.path[2]!.output).toBe(result.path[2]!.output);
  });

  it('a paused journey takes no entries and holds its runs before their next message; resuming lets them go on', async () => {
    await saveTemplates(runtime.journeys.models, ['held'], tag);
    const graph: JourneyGraph = {
      nodes: [manualEntry, { id: 'wait', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }, { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: 'held', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } }, exitNode],
      edges: [edge('start', 'next', 'wait'), edge('wait', 'next', 'mail'), edge('mail', 'next', 'done')],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    };
    const journeyId = await publishGraph(service, `Held ${tag}`, graph);
    const fay = await learner('Fay');
    const { workflowId } = await service.enter(journeyId, fay.learnerId);
    await service.pause(journeyId);
    await expect(service.enter(journeyId, fay.learnerId)).rejects.toThrow(/paused/);
    await environment.sleep(3 * DAY);
    expect(await subjectsTo(fay.email)).toEqual([]);
    const handle = environment.client.workflow.getHandle(workflowId!);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await service.resume(journeyId);
    expect((await resultOf(workflowId!)).outcome).toBe('completed');
    expect(await subjectsTo(fay.email)).toEqual(['held']);
  });

  it('a run started just as its journey was paused holds before a message right after its entry', async () => {
    await saveTemplates(runtime.journeys.models, ['first-thing'], tag);
    const graph: JourneyGraph = {
      nodes: [manualEntry, { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: 'first-thing', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } }, exitNode],
      edges: [edge('start', 'next', 'mail'), edge('mail', 'next', 'done')],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    };
    const journeyId = await publishGraph(service, `First thing ${tag}`, graph);
    const gus = await learner('Gus');
    await service.pause(journeyId);
    // The router had found the journey active a moment before (the race a pause can meet).
    const handle = await environment.client.workflow.start(journeyWorkflowV2, {
      workflowId: journeyRunId({ journeyId, learnerId: gus.learnerId }),
      taskQueue,
      args: [{ journeyId, version: 1, learnerId: gus.learnerId }],
    });
    await environment.sleep(DAY);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    expect(await subjectsTo(gus.email)).toEqual([]);
    await service.resume(journeyId);
    expect((await handle.result()).outcome).toBe('completed');
    expect(await subjectsTo(gus.email)).toEqual(['first-thing']);
  });

  it('keeps running learners on the version they entered with', async () => {
    await saveTemplates(runtime.journeys.models, ['first-version', 'second-version'], tag);
    const graphWith = (templateId: string): JourneyGraph => ({
      nodes: [manualEntry, { id: 'wait', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } }, { id: 'mail', type: 'sendMessage', position: at, settings: { templateId, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } }, exitNode],
      edges: [edge('start', 'next', 'wait'), edge('wait', 'next', 'mail'), edge('mail', 'next', 'done')],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    });
    const journeyId = await publishGraph(service, `Versions ${tag}`, graphWith('first-version'));
    const early = await learner('Gus');
    const first = await service.enter(journeyId, early.learnerId);
    await service.saveDraft(journeyId, { name: `Versions ${tag}`, description: '', graph: graphWith('second-version') });
    expect((await service.publish(journeyId)).version).toBe(2);
    const late = await learner('Hal');
    const second = await service.enter(journeyId, late.learnerId);
    await resultOf(first.workflowId!);
    await resultOf(second.workflowId!);
    expect(await subjectsTo(early.email)).toEqual(['first-version']);
    expect(await subjectsTo(late.email)).toEqual(['second-version']);
  });

  it('keeps the history of a long wait bounded: an active learner keeps an inactivity timer busy, and the run continues as new', async () => {
    const graph: JourneyGraph = {
      nodes: [manualEntry, { id: 'quiet', type: 'inactivity', position: at, settings: { inactiveFor: { amount: 1, unit: 'days' } } }, exitNode],
      edges: [edge('start', 'next', 'quiet'), edge('quiet', 'next', 'done')],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    };
    const journeyId = await publishGraph(service, `Busy ${tag}`, graph);
    const ivy = await learner('Ivy');
    const { workflowId } = await service.enter(journeyId, ivy.learnerId);
    const handle = environment.client.workflow.getHandle(workflowId!);
    for (let index = 0; index < 6_000; index += 1) {
      await handle.signal(learnerEventSignal, { messageId: `busy-${index}`, name: 'Lesson Completed', at: Date.now(), properties: {} });
    }
    const result = await resultOf(workflowId!);
    expect(result.outcome).toBe('completed');
    // The last run was continued from an earlier one, and its own history stays short.
    const history = await handle.fetchHistory();
    expect(history.events![0]!.workflowExecutionStartedEventAttributes!.continuedExecutionRunId).toBeTruthy();
    expect(history.events!.length).toBeLessThan(6_000);
  }, 120_000);

  it('a date trait starts a run 3 days before the cohort starts; a changed date replaces it', async () => {
    await saveTemplates(runtime.journeys.models, ['cohort-soon'], tag);
    const graph: JourneyGraph = {
      nodes: [
        { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'dateTrait', trait: 'cohortStart', offset: { amount: 3, unit: 'days', direction: 'before' } }, reentry: { mode: 'afterFinish' } } },
        { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: 'cohort-soon', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } },
        exitNode,
      ],
      edges: [edge('start', 'next', 'mail'), edge('mail', 'next', 'done')],
      goals: [],
      exitWhen: { leftEntrySegment: false, unsubscribed: true },
    };
    const journeyId = await publishGraph(service, `Cohort ${tag}`, graph);
    const day = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
    const jo = await learner('Jo', { cohortStart: day(10) });
    // The run's key is the date itself, as the learner's trait holds it.
    const firstRun = journeyRunId({ journeyId, learnerId: jo.learnerId, key: day(10) });
    await runtime.ingestion.ingest([{ type: 'identify', userId: jo.userId, traits: { cohortStart: day(20) } }], { source: 'api' });
    const secondRun = journeyRunId({ journeyId, learnerId: jo.learnerId, key: day(20) });
    expect(await resultOf(firstRun)).toMatchObject({ outcome: 'exited', reason: 'cohortStart changed' });
    expect(await subjectsTo(jo.email)).toEqual([]);
    expect((await resultOf(secondRun)).outcome).toBe('completed');
    expect(await subjectsTo(jo.email)).toEqual(['cohort-soon']);
  });
});
