import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { JourneyService } from '../../api/journeys/journeyService';
import { nextAllowedMoment, type JourneyGraph, type JourneyNode } from '../../domain/journeys';
import { createMessageSender } from '../../messages/createSender';
import type { Mailer, OutgoingEmail } from '../../messages/mailer';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import type { MessageSendDocument } from '../../store/models/messageSend';
import type { JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { RecordingClock } from '../segments/support';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testRuntime, workerDependencies } from '../support/segments';
import { startTimeSkippingServer } from '../support/timeSkipping';
import { startTestWorker } from '../support/worker';
import { publishGraph, saveTemplates, waitUntil } from './support';

const DAY = 86_400_000;
const everyDay = [1, 2, 3, 4, 5, 6, 7];
const position = { x: 0, y: 0 };
const edge = (source: string, target: string) => ({ id: `${source}-next`, source, sourceHandle: 'next', target });
const manualEntry: JourneyNode = { id: 'start', type: 'entry', position, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } };
const exitNode: JourneyNode = { id: 'done', type: 'exit', position, settings: {} };
const mail = (id: string, kind: 'marketing' | 'transactional', whenHeldBack: 'defer' | 'skip' = 'defer'): JourneyNode => ({
  id,
  type: 'sendMessage',
  position,
  settings: { templateId: 'limits', channel: 'email', kind, topic: 'promotions', whenHeldBack },
});
/** A straight line of nodes from the manual entry to the exit. */
const line = (...nodes: JourneyNode[]): JourneyGraph => {
  const all = [manualEntry, ...nodes, exitNode];
  return { nodes: all, edges: all.slice(1).map((node, index) => edge(all[index]!.id, node.id)), goals: [], exitWhen: { leftEntrySegment: false, unsubscribed: true } };
};
/** "YYYY-MM-DD HH:MM" on the clocks of `timeZone`. */
const localTime = (instant: number, timeZone: string) => new Intl.DateTimeFormat('sv-SE', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(instant);

/**
 * Frequency caps and quiet hours on the time-skipping test server: the sender these runs use has a cap
 * of 2 marketing messages a day and quiet hours 21:00-08:00 (learners without a timezone trait: UTC),
 * and a held-back message either waits on a durable timer or is skipped. The store and Temporal are
 * real; mail goes to a recording mailer.
 */
describe('send limits on the time-skipping test server', () => {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `send-limits-${tag}`;
  const mailed: OutgoingEmail[] = [];
  const mailer: Mailer = {
    async send(email) {
      mailed.push(email);
      return { response: '250 recorded' };
    },
    close: () => undefined,
  };
  let environment: TestWorkflowEnvironment;
  let store: Store;
  let runtime: ProcessRuntime;
  let service: JourneyService;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;

  beforeAll(async () => {
    environment = await startTimeSkippingServer();
    store = await openTestStore('send_limits');
    // Segment memberships play no part here; the recording clock keeps the segment engine off Temporal.
    runtime = testRuntime(store, { temporalAddress: environment.address, taskQueue, clock: new RecordingClock(), mailer });
    service = new JourneyService(runtime.journeys);
    await saveTemplates(store.models, ['limits'], tag);
    // The sender as every process wires it, with this test's limits instead of the environment's.
    const config = testConfig();
    const { sender } = createMessageSender({
      models: store.models,
      mailer,
      env: { ...config.env, MARKETING_CAP_PER_DAY: 2, MARKETING_CAP_PER_WEEK: 10, QUIET_HOURS: '21:00-08:00', DEFAULT_TIMEZONE: 'UTC' },
      publicUrl: config.api.publicUrl,
    });
    const dependencies = workerDependencies(store, runtime);
    worker = await startTestWorker(store, runtime, taskQueue, { environment, dependencies: { ...dependencies, journeys: { ...dependencies.journeys, sender } } });
  }, 180_000);
  afterAll(async () => {
    await worker?.stop();
    await runtime?.close();
    await environment?.teardown();
    if (store) await dropAndClose(store);
  });

  const learner = async (name: string, traits: Record<string, unknown> = {}) => {
    const userId = `${name.toLowerCase()}-${randomUUID()}`;
    const email = `${userId}@example.com`;
    const result = await runtime.ingestion.ingest([{ type: 'identify', userId, traits: { firstName: name, email, ...traits } }], { source: 'api' });
    return { learnerId: result.learnerIds[0]!, email };
  };
  const resultOf = (workflowId: string) => environment.client.workflow.getHandle(workflowId).result() as Promise<JourneyRunResult>;
  const mailsTo = (email: string) => mailed.filter((sent) => sent.to === email);
  /** This run's ledger entries by node. */
  const ledger = async (journeyId: string, learnerId: string): Promise<Record<string, MessageSendDocument>> => {
    const sends = await store.models.messageSends.find({ journeyId, learnerId }).lean<MessageSendDocument[]>();
    return Object.fromEntries(sends.map((send) => [send.nodeId!, send]));
  };
  /**
   * Moves the server's clock to the next 12:00 UTC, so runs of learners without a timezone send
   * outside quiet hours whenever this test runs (and a day later, too).
   */
  const skipToNoonUtc = async () => {
    const now = await environment.currentTimeMs();
    await environment.sleep(nextAllowedMoment(now, { timeOfDay: '12:00', weekdays: everyDay }, 'UTC') - now);
  };

  describe('frequency cap (2 marketing messages a day)', () => {
    it('sends two at once and defers the third until the first leaves the day, then sends it', async () => {
      const journeyId = await publishGraph(service, `Cap defer ${tag}`, line(mail('first', 'marketing'), mail('second', 'marketing'), mail('third', 'marketing')));
      const kim = await learner('Kim');
      await skipToNoonUtc();
      const { workflowId } = await service.enter(journeyId, kim.learnerId);

      // Time stands still until the result is awaited: the run waits on the deferral's timer.
      const held = await waitUntil(async () => {
        const sends = await ledger(journeyId, kim.learnerId);
        return sends.third?.status === 'deferred' && sends;
      });
      expect(held.first).toMatchObject({ status: 'sent', kind: 'marketing' });
      expect(held.second).toMatchObject({ status: 'sent', kind: 'marketing' });
      expect(held.third!.reason).toBe('frequency cap: 2 per day');
      expect(held.third!.deferredUntil!.getTime()).toBe(held.first!.at!.getTime() + DAY + 1_000);
      expect(mailsTo(kim.email)).toHaveLength(2);

      expect((await resultOf(workflowId!)).outcome).toBe('completed');
      const sends = await ledger(journeyId, kim.learnerId);
      expect(sends.third).toMatchObject({ status: 'sent' });
      expect(sends.third!.deferredUntil).toBeUndefined();
      // Judged again when the timer fired: the run's time then, a day and a second after the first send.
      expect(sends.third!.at!.getTime()).toBeGreaterThanOrEqual(held.third!.deferredUntil!.getTime());
      expect(sends.third!.at!.getTime() - held.third!.deferredUntil!.getTime()).toBeLessThan(60_000);
      expect(mailsTo(kim.email)).toHaveLength(3);
      // The same Message-ID the ledger recorded, once per message.
      expect(new Set(mailsTo(kim.email).map((sent) => sent.messageId))).toEqual(new Set([sends.first!.messageId, sends.second!.messageId, sends.third!.messageId]));
    });

    it('skips the third when the message says so, and the ledger says why', async () => {
      const journeyId = await publishGraph(service, `Cap skip ${tag}`, line(mail('first', 'marketing'), mail('second', 'marketing'), mail('third', 'marketing', 'skip')));
      const lee = await learner('Lee');
      await skipToNoonUtc();
      const { workflowId } = await service.enter(journeyId, lee.learnerId);
      const result = await resultOf(workflowId!);
      expect(result.outcome).toBe('completed');
      const sends = await ledger(journeyId, lee.learnerId);
      expect(sends.first!.status).toBe('sent');
      expect(sends.second!.status).toBe('sent');
      expect(sends.third).toMatchObject({ status: 'skipped', reason: 'frequency cap: 2 per day' });
      expect(sends.third!.deferredUntil).toBeUndefined();
      expect(mailsTo(lee.email)).toHaveLength(2);
      // Skipping did not hold the run: it ended within the minute it started.
      const done = result.path.find((step) => step.nodeId === 'done')!;
      expect(done.enteredAt - result.path[0]!.enteredAt).toBeLessThan(60_000);
    });

    it('never caps transactional messages, nor counts them towards the cap', async () => {
      const journeyId = await publishGraph(
        service,
        `Cap transactional ${tag}`,
        line(mail('receipt', 'transactional'), mail('first', 'marketing'), mail('second', 'marketing'), mail('reset', 'transactional')),
      );
      const max = await learner('Max');
      await skipToNoonUtc();
      const { workflowId } = await service.enter(journeyId, max.learnerId);
      expect((await resultOf(workflowId!)).outcome).toBe('completed');
      const sends = await ledger(journeyId, max.learnerId);
      expect(Object.values(sends).map((send) => send.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
      // All four at the time the run started: nothing waited.
      const times = Object.values(sends).map((send) => send.at!.getTime());
      expect(Math.max(...times) - Math.min(...times)).toBeLessThan(60_000);
      expect(Object.values(sends).every((send) => send.reason === undefined && send.deferredUntil === undefined)).toBe(true);
      expect(mailsTo(max.email)).toHaveLength(4);
    });
  });

  describe('quiet hours (21:00-08:00 in the learner’s timezone)', () => {
    const newYork = 'America/New_York';
    /** Entry → wait until 23:00 on the learner's clock → one marketing message → exit. */
    const lateGraph = (whenHeldBack: 'defer' | 'skip') =>
      line({ id: 'late', type: 'delay', position, settings: { mode: 'until', timeOfDay: '23:00', weekdays: everyDay, fallbackTimezone: 'UTC' } }, mail('offer', 'marketing', whenHeldBack));
    /** Starts the run and skips the server's clock to the 23:00 (New York) its delay waits for. */
    const enterAndSkipToLate = async (journeyId: string, learnerId: string) => {
      const now = await environment.currentTimeMs();
      const { workflowId } = await service.enter(journeyId, learnerId);
      const late = nextAllowedMoment(now, { timeOfDay: '23:00', weekdays: everyDay }, newYork);
      await environment.sleep(late - now);
      return { workflowId: workflowId!, late };
    };

    it('defers a message reached at 23:00 local to 08:00 local the next morning, and sends it then', async () => {
      const journeyId = await publishGraph(service, `Quiet defer ${tag}`, lateGraph('defer'));
      const nia = await learner('Nia', { timezone: newYork });
      const { workflowId, late } = await enterAndSkipToLate(journeyId, nia.learnerId);

      const held = await waitUntil(async () => {
        const { offer } = await ledger(journeyId, nia.learnerId);
        return offer?.status === 'deferred' && offer;
      });
      expect(held.reason).toBe('quiet hours (21:00-08:00 America/New_York)');
      const morning = nextAllowedMoment(late, { timeOfDay: '08:00', weekdays: everyDay }, newYork);
      expect(held.deferredUntil!.getTime()).toBe(morning);
      expect(localTime(morning, newYork)).toBe(`${localTime(late + DAY, newYork).slice(0, 10)} 08:00`);
      expect(mailsTo(nia.email)).toHaveLength(0);

      const result = await resultOf(workflowId);
      expect(result.outcome).toBe('completed');
      const { offer } = await ledger(journeyId, nia.learnerId);
      expect(offer).toMatchObject({ status: 'sent' });
      // Judged (and sent) at 08:00 New York time the next morning, by the run's clock.
      expect(localTime(offer!.at!.getTime(), newYork)).toBe(localTime(morning, newYork));
      expect(mailsTo(nia.email)).toHaveLength(1);
      // The run's history agrees: it reached the message at 23:00 and went on after 08:00.
      const reached = result.path.find((step) => step.nodeId === 'offer')!.enteredAt;
      const leftAt = result.path.find((step) => step.nodeId === 'done')!.enteredAt;
      expect(localTime(reached, newYork)).toBe(localTime(late, newYork));
      expect(localTime(late, newYork).slice(11)).toBe('23:00');
      expect(leftAt).toBeGreaterThanOrEqual(morning);
    });

    it('skips a message reached at 23:00 local when the message says so', async () => {
      const journeyId = await publishGraph(service, `Quiet skip ${tag}`, lateGraph('skip'));
      const ola = await learner('Ola', { timezone: newYork });
      const { workflowId, late } = await enterAndSkipToLate(journeyId, ola.learnerId);
      const result = await resultOf(workflowId);
      expect(result.outcome).toBe('completed');
      const { offer } = await ledger(journeyId, ola.learnerId);
      expect(offer).toMatchObject({ status: 'skipped', reason: 'quiet hours (21:00-08:00 America/New_York)' });
      expect(mailsTo(ola.email)).toHaveLength(0);
      // Skipping did not wait for the morning.
      expect(result.path.find((step) => step.nodeId === 'done')!.enteredAt - late).toBeLessThan(60_000);
    });
  });
});
