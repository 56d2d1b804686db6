import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection } from '@temporalio/worker';
import { JourneyService } from '../../api/journeys/journeyService';
import type { JourneyGraph, JourneyNode } from '../../domain/journeys';
import { createProcessRuntime } from '../../runtime/processRuntime';
import { clockWorkflowId } from '../../segments/clock';
import { Store } from '../../store/connection';
import { createWorker } from '../../worker/createWorker';
import { diagnosticWorkflow, segmentClockWorkflow, segmentEvaluationWorkflow } from '../../workflows';
import { learnersDueSignal } from '../../workflows/segmentClock';
import { learnerEventSignal } from '../../workflows/journey/signals';
import { saveTemplates } from '../journeys/support';
import { startFreshServices } from '../support/freshServices';

const at = { x: 0, y: 0 };
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });
const seconds = (amount: number) => ({ amount, unit: 'seconds' as const });

/** A journey through every node type, with waits of seconds so that it runs in real time. */
const everyStep: JourneyGraph = {
  nodes: [
    { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } },
    { id: 'tag', type: 'updateProfile', position: at, settings: { set: { plan: 'trial' }, unset: [], addTags: ['recorded'], removeTags: [] } },
    { id: 'ab', type: 'split', position: at, settings: { variants: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] } },
    { id: 'which', type: 'condition', position: at, settings: { mode: 'yesNo', condition: { type: 'trait', trait: 'plan', operator: 'equals', value: 'trial' } } },
    { id: 'pause', type: 'delay', position: at, settings: { mode: 'duration', duration: seconds(1) } },
    { id: 'lesson', type: 'waitForEvent', position: at, settings: { event: 'Lesson Completed', timeout: seconds(30) } },
    { id: 'quiet', type: 'inactivity', position: at, settings: { inactiveFor: seconds(1) } },
    { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: 'recorded', channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } },
    { id: 'done', type: 'exit', position: at, settings: {} },
  ] satisfies JourneyNode[],
  edges: [
    edge('start', 'next', 'tag'),
    edge('tag', 'next', 'ab'),
    edge('ab', 'a', 'which'),
    edge('ab', 'b', 'which'),
    edge('which', 'yes', 'pause'),
    edge('which', 'no', 'done'),
    edge('pause', 'next', 'lesson'),
    edge('lesson', 'happened', 'quiet'),
    edge('lesson', 'timedOut', 'quiet'),
    edge('quiet', 'next', 'mail'),
    edge('mail', 'next', 'done'),
  ],
  goals: [{ id: 'bought', kind: 'event', event: 'Order Completed' }],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
};

/** A message right after the entry. */
const welcome: JourneyGraph = {
  nodes: [everyStep.nodes[0]!, everyStep.nodes.find((node) => node.id === 'mail')!, everyStep.nodes.find((node) => node.id === 'done')!],
  edges: [edge('start', 'next', 'mail'), edge('mail', 'next', 'done')],
  goals: [],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
};

/**
 * `npm run record-histories`: starts fresh services, runs each scenario once and saves its event
 * history beside this file, for test/temporal/replay.test.ts. Record anew whenever a workflow's
 * behaviour is meant to change; keep old histories while runs recorded with them may still be open.
 */
async function main(): Promise<void> {
  const { services, dataDir, config } = await startFreshServices(() => () => undefined);
  const store = Store.open({ uri: config.store.uri, database: `record_${randomUUID().slice(0, 8)}` });
  const connection = await Connection.connect({ address: config.temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
  // Recorded histories stay unencrypted: the replay test runs on any machine, without this run's key
  // (encryption changes how payloads are stored, not which commands a workflow makes).
  const unencrypted = {};
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: unencrypted });
  const taskQueue = `record-${randomUUID()}`;
  const runtime = createProcessRuntime({ models: store.models, config, log: { warn: () => undefined }, taskQueue, dataConverter: unencrypted, deliver: true });
  try {
    await store.waitUntilConnected(30_000);
    const identified = await runtime.ingestion.ingest([{ type: 'identify', userId: 'recorded', traits: { firstName: 'Rec', email: 'recorded@example.com' } }], { source: 'api' });
    const learnerId = identified.learnerIds[0]!;
    await saveTemplates(store.models, ['recorded'], 'recorded');
    const journeys = new JourneyService(runtime.journeys);
    const journeyId = (await journeys.create({ id: 'every-step', name: 'Every step', description: '', graph: everyStep })).id;
    await journeys.publish(journeyId);
    const goalJourneyId = (await journeys.create({ id: 'goal-reached', name: 'Goal reached', description: '', graph: everyStep })).id;
    await journeys.publish(goalJourneyId);
    const welcomeJourneyId = (await journeys.create({ id: 'welcome', name: 'Welcome', description: '', graph: welcome })).id;
    await journeys.publish(welcomeJourneyId);
    const worker = await createWorker({ connection: nativeConnection, namespace: config.temporal.namespace, taskQueue, dependencies: { pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys }, dataConverter: unencrypted });

    const wakeAt = Date.now() + 2_000;
    const lessonEvent = { messageId: 'recorded-lesson', name: 'Lesson Completed', at: Date.now(), properties: {} };
    const scenarios: { file: string; run: () => Promise<WorkflowHandle> }[] = [
      { file: 'diagnosticWorkflow-wait.json', run: async () => client.workflow.start(diagnosticWorkflow, { taskQueue, workflowId: `recorded-diagnostic-${randomUUID()}`, args: [{ wait: '2 seconds' }] }) },
      {
        file: 'segmentClockWorkflow-wake.json',
        run: async () => client.workflow.signalWithStart(segmentClockWorkflow, { taskQueue, workflowId: `recorded-${clockWorkflowId(taskQueue, wakeAt, 0)}`, args: [{ wakeAt }], signal: learnersDueSignal, signalArgs: [[learnerId]] }),
      },
      { file: 'segmentEvaluationWorkflow-missing.json', run: async () => client.workflow.start(segmentEvaluationWorkflow, { taskQueue, workflowId: `recorded-segment-evaluation-${randomUUID()}`, args: [{ segmentId: 'no-such-segment', version: 1 }] }) },
      {
        // Every node type; the lesson arrives while the run waits for it.
        file: 'journeyWorkflowV2-every-step.json',
        run: async () => {
          const { workflowId } = await journeys.enter(journeyId, learnerId);
          const handle = client.workflow.getHandle(workflowId!);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          await handle.signal(learnerEventSignal, lessonEvent);
          return handle;
        },
      },
      {
        // A goal reached in the middle of a wait ends the run as converted.
        file: 'journeyWorkflowV2-goal.json',
        run: async () => {
          const { workflowId } = await journeys.enter(goalJourneyId, learnerId);
          const handle = client.workflow.getHandle(workflowId!);
          await new Promise((resolve) => setTimeout(resolve, 3_000));
          await handle.signal(learnerEventSignal, { messageId: 'recorded-order', name: 'Order Completed', at: Date.now(), properties: {} });
          return handle;
        },
      },
      {
        // A message right after the entry.
        file: 'journeyWorkflowV2-welcome.json',
        run: async () => client.workflow.getHandle((await journeys.enter(welcomeJourneyId, learnerId)).workflowId!),
      },
    ];
    await worker.runUntil(async () => {
      for (const scenario of scenarios) {
        const handle = await scenario.run();
        await handle.result();
        const history = await handle.fetchHistory();
        writeFileSync(path.join(__dirname, scenario.file), `${historyToJSON(history)}\n`);
        console.log(`Recorded ${scenario.file} (${history.events?.length ?? 0} events)`);
      }
    });
  } finally {
    await runtime.close();
    await connection.close();
    await nativeConnection.close();
    await store.connection.dropDatabase().catch(() => undefined);
    await store.close();
    await services.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
