import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { WorkflowHandle } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createActivities } from '../activities';
import { JourneyService } from '../api/journeys/journeyService';
import { TemplateCatalog } from '../api/templates/templateCatalog';
import { loadConfig, type Config } from '../config/env';
import { journeyRunId, type JourneyGraph, type JourneyNode } from '../domain/journeys';
import { ruleDependencies, type Condition, type SegmentRule } from '../domain/segments';
import { createIngestion } from '../ingestion/createIngestion';
import { smtpMailer, type Mailer } from '../messages/mailer';
import { dataConverterOf } from '../runtime/dataConverter';
import { createProcessRuntime, type ProcessRuntime } from '../runtime/processRuntime';
import { startEmbeddedServices } from '../stack/services/embeddedServices';
import { findFreePort } from '../stack/services/ports';
import { Store } from '../store/connection';
import { journeyWorkflowV2, type JourneyRunResult } from '../workflows/journey/journeyWorkflow';
import { benchStore, cpuBetween, cpuByProcess, inParallel, quick, round, seconds } from './support';
import { baselineJourneyWorkflow, type BaselineJourneyInput } from './workflows/baselineJourney';

/**
 * `npm run bench:journeys [-- --quick] [-- --attribute] [-- --runs N --waiting N --learners N --rate N] [-- --parts 1,2,3]`: journeys as durable Temporal workflows (a dev server, a
 * worker — in this process for (1) and (2), `worker/main.ts` as a process of its own for (3) — the
 * real store and SMTP catcher). With `PROFILE_DIR=<dir>` in the environment, (3)'s worker process
 * writes a V8 CPU profile there.
 *
 * (1) Runs/s of a 5-step journey without waits (manual entry → update profile → condition → send
 *     message → update profile → exit), started and awaited through the Temporal client with bounded
 *     concurrency, beside a hand-written workflow calling the same activities for the same work
 *     (bench/workflows/baselineJourney.ts), measured before and after the journey in the same run.
 * (2) The worker process's RSS with many runs waiting on a 1-day timer (manual entry → delay → exit),
 *     beside its RSS before any run (a worker of its own, started for this part and shut down after).
 * (3) Segment Entered → the journey's mail accepted by SMTP (entry: entering "performed Bench Signal
 *     at least once in the last hour"; one track call per fresh learner, paced), beside the same send
 *     made by calling MessageSender.send directly.
 */
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : undefined;
};

// Each size can be set on the command line (`--runs`, `--waiting`, `--learners`, `--rate`): on 2 busy
// cores the full sizes take well over 20 minutes.
const RUNS = argument('--runs') ?? (quick ? 200 : 2_000);
/** Also runs the baseline with the interpreter's bookkeeping added, step by step, to attribute the difference. */
const ATTRIBUTE = process.argv.includes('--attribute');
const WARMUP_RUNS = quick ? 20 : 50;
/** Rounds in which the variants of (1) take turns. */
const ROUNDS = quick ? 2 : 4;
/** Runs in flight at once (start + wait for the result) in (1). */
const CONCURRENCY = 64;
const WAITING_RUNS = argument('--waiting') ?? (quick ? 1_000 : 10_000);
/** Start calls in flight at once in (2). */
const START_CONCURRENCY = 32;
const LATENCY_LEARNERS = argument('--learners') ?? (quick ? 50 : 500);
const LATENCY_RATE = argument('--rate') ?? (quick ? 10 : 20);
const LATENCY_WARMUP = 5;
/** Which of the three parts to run (`--parts 3` measures the latency alone); all by default. */
const PARTS = new Set(process.argv.includes('--parts') ? process.argv[process.argv.indexOf('--parts') + 1]?.split(',') : ['1', '2', '3']);
const measuring = (part: '1' | '2' | '3') => PARTS.has(part);

const SIGNAL_SEGMENT = 'bench-journey-signal';
const TEMPLATE = 'bench-journey-mail';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`[bench:journeys] ${line}\n`);
const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!, 1));
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** Timeouts and failures in the histories of these runs (retried workflow tasks and activities). */
async function troubleIn(client: ProcessRuntime['client'], workflowIds: string[]) {
  const trouble = { runs: workflowIds.length, runsWithTrouble: 0, workflowTaskTimeouts: 0, workflowTaskFailures: 0, activityTimeouts: 0, activityFailures: 0 };
  await inParallel(
    workflowIds.map((workflowId) => async () => {
      const history = await client.workflow.getHandle(workflowId).fetchHistory().catch(() => undefined);
      let found = false;
      for (const event of history?.events ?? []) {
        if (event.workflowTaskTimedOutEventAttributes) trouble.workflowTaskTimeouts += 1;
        else if (event.workflowTaskFailedEventAttributes) trouble.workflowTaskFailures += 1;
        else if (event.activityTaskTimedOutEventAttributes) trouble.activityTimeouts += 1;
        else if (event.activityTaskFailedEventAttributes) trouble.activityFailures += 1;
        else continue;
        found = true;
      }
      if (found) trouble.runsWithTrouble += 1;
    }),
    8,
  );
  return trouble;
}

/**
 * Where the runs' time went, by the server's clock: from a run's start to its first workflow task and
 * to its (first) activity being scheduled, the activity waiting for a worker slot, and running.
 */
async function phasesIn(client: ProcessRuntime['client'], workflowIds: string[]) {
  const phases = { toFirstWorkflowTask: [] as number[], toActivityScheduled: [] as number[], activityWaitingForWorker: [] as number[], activityRunning: [] as number[] };
  await inParallel(
    workflowIds.map((workflowId) => async () => {
      const events = (await client.workflow.getHandle(workflowId).fetchHistory().catch(() => undefined))?.events ?? [];
      const time = (predicate: (event: temporal.api.history.v1.IHistoryEvent) => unknown) => {
        const at = events.find(predicate)?.eventTime;
        return at ? Number(at.seconds) * 1_000 + (at.nanos ?? 0) / 1e6 : undefined;
      };
      const started = time((event) => event.workflowExecutionStartedEventAttributes);
      const firstTask = time((event) => event.workflowTaskStartedEventAttributes);
      const scheduled = time((event) => event.activityTaskScheduledEventAttributes);
      const activityStarted = time((event) => event.activityTaskStartedEventAttributes);
      const activityCompleted = time((event) => event.activityTaskCompletedEventAttributes);
      if (started !== undefined && firstTask !== undefined) phases.toFirstWorkflowTask.push(firstTask - started);
      if (started !== undefined && scheduled !== undefined) phases.toActivityScheduled.push(scheduled - started);
      if (scheduled !== undefined && activityStarted !== undefined) phases.activityWaitingForWorker.push(activityStarted - scheduled);
      if (activityStarted !== undefined && activityCompleted !== undefined) phases.activityRunning.push(activityCompleted - activityStarted);
    }),
    8,
  );
  return Object.fromEntries(Object.entries(phases).map(([name, values]) => [name, percentiles(values)]));
}

/** Inside the send activity, from the ledger: claimed → queued (checks, rendering) → sent (delivery). */
async function sendPhases(store: Store, journeyId: string, learnerIds: string[]) {
  const wanted = new Set(learnerIds);
  const entries = (await store.models.messageSends.find({ journeyId }, { learnerId: 1, createdAt: 1, queuedAt: 1, sentAt: 1 }).lean<{ learnerId: string; createdAt: Date; queuedAt?: Date; sentAt?: Date }[]>()).filter((entry) => wanted.has(entry.learnerId));
  const spans = (from: (entry: (typeof entries)[number]) => Date | undefined, to: (entry: (typeof entries)[number]) => Date | undefined) =>
    percentiles(entries.flatMap((entry) => (from(entry) && to(entry) ? [to(entry)!.getTime() - from(entry)!.getTime()] : [])));
  return { sendClaimedToQueued: spans((entry) => entry.createdAt, (entry) => entry.queuedAt), sendQueuedToSent: spans((entry) => entry.queuedAt, (entry) => entry.sentAt) };
}

async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

/** Calls `send(i)` for i = 0 … count − 1 at a steady rate, without waiting for earlier calls (open loop). */
async function paced(rate: number, count: number, send: (index: number) => Promise<void>): Promise<{ sent: number; achievedRate: number; maxLagMs: number }> {
  const interval = 1_000 / rate;
  const startedAt = performance.now();
  const inFlight: Promise<void>[] = [];
  let maxLag = 0;
  let lastSentAt = startedAt;
  for (let index = 0; index < count; index += 1) {
    const due = startedAt + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lastSentAt = performance.now();
    maxLag = Math.max(maxLag, lastSentAt - due);
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
  return { sent: count, achievedRate: count > 1 ? round((count - 1) / ((lastSentAt - startedAt) / 1_000), 1) : 0, maxLagMs: round(maxLag, 1) };
}

interface Services {
  label: string;
  config: Config;
  temporalAddress: string;
  smtpUrl: string;
  stop(): Promise<void>;
}

/** The Temporal dev server and the SMTP catcher of the benchmark's own (free ports, fresh data), or TEMPORAL_ADDRESS's and SMTP_URL's. */
async function benchServices(): Promise<Services> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-journeys-'));
  try {
    const config = loadConfig({
      ...process.env,
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      TEMPORAL_PORT: String(await findFreePort()),
      TEMPORAL_UI_PORT: String(await findFreePort()),
      MAIL_SMTP_PORT: String(await findFreePort()),
      MAIL_UI_PORT: String(await findFreePort()),
    });
    const services = await startEmbeddedServices(config, { logFor: () => () => undefined, only: ['temporal', 'mail'] });
    return {
      label: `${process.env.TEMPORAL_ADDRESS ? `Temporal at ${services.temporal.address} (TEMPORAL_ADDRESS)` : 'embedded Temporal dev server'}, ${process.env.SMTP_URL ? 'SMTP_URL' : 'embedded MailDev SMTP catcher'}`,
      config,
      temporalAddress: services.temporal.address,
      smtpUrl: services.smtp.url,
      async stop() {
        await services.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** worker/main.ts in a process of its own; resolves once it polls. */
async function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<{ stop(): Promise<void> }> {
  log('(3) starting the worker process (worker/main.ts; it bundles the workflows)');
  const child = spawn(process.execPath, [...(process.env.PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.PROFILE_DIR}`] : []), '--import', 'tsx', path.join(__dirname, '..', 'worker', 'main.ts')], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the worker process exited (${code}) before polling:\n${output.slice(-2_000)}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The real SMTP mailer, noting when the server accepted each message (by recipient). */
function timedMailer(inner: Mailer, acceptedAt: Map<string, number>, smtpMs: Map<string, number>): Mailer {
  return {
    async send(email) {
      const startedAt = performance.now();
      const response = await inner.send(email);
      acceptedAt.set(email.to, performance.now());
      smtpMs.set(email.to, performance.now() - startedAt);
      return response;
    },
    close: () => inner.close(),
  };
}

interface Learner {
  learnerId: string;
  userId: string;
  email: string;
}

/** `count` new learners with an email address, identified through the pipeline in batches. */
async function createLearners(runtime: ProcessRuntime, prefix: string, count: number): Promise<Learner[]> {
  const learners: Learner[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, offset) => {
      const userId = `${prefix}-${start + offset}`;
      return { userId, email: `${userId}@example.com` };
    });
    const result = await runtime.ingestion.ingest(
      batch.map(({ userId, email }) => ({ type: 'identify', userId, traits: { email, firstName: 'Ada' } })),
      { source: 'api' },
    );
    batch.forEach((learner, index) => learners.push({ ...learner, learnerId: result.learnerIds[index]! }));
  }
  return learners;
}

const at = { x: 0, y: 0 };
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}-${sourceHandle}`, source, sourceHandle, target });
const manualEntry: JourneyNode = { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } };
const exitNode: JourneyNode = { id: 'done', type: 'exit', position: at, settings: {} };
const exitWhen = { leftEntrySegment: false, unsubscribed: true };

const firstChange = { set: { plan: 'trial' }, unset: [], addTags: [], removeTags: [] };
const onTrial: Condition = { type: 'trait', trait: 'plan', operator: 'equals', value: 'trial' };
const lastChange = { set: {}, unset: [], addTags: ['bench-journey-done'], removeTags: [] };

const fiveSteps: JourneyGraph = {
  nodes: [
    manualEntry,
    { id: 'tag', type: 'updateProfile', position: at, settings: firstChange },
    { id: 'check', type: 'condition', position: at, settings: { mode: 'yesNo', condition: onTrial } },
    { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: TEMPLATE, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } },
    { id: 'finish', type: 'updateProfile', position: at, settings: lastChange },
    exitNode,
  ],
  edges: [edge('start', 'next', 'tag'), edge('tag', 'next', 'check'), edge('check', 'yes', 'mail'), edge('check', 'no', 'done'), edge('mail', 'next', 'finish'), edge('finish', 'next', 'done')],
  goals: [],
  exitWhen,
};

const waitADay: JourneyGraph = {
  nodes: [manualEntry, { id: 'wait', type: 'delay', position: at, settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } } }, exitNode],
  edges: [edge('start', 'next', 'wait'), edge('wait', 'next', 'done')],
  goals: [],
  exitWhen,
};

const signalled: JourneyGraph = {
  nodes: [
    { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'segmentEntered', segmentId: SIGNAL_SEGMENT }, reentry: { mode: 'afterFinish' } } },
    { id: 'mail', type: 'sendMessage', position: at, settings: { templateId: TEMPLATE, channel: 'email', kind: 'marketing', topic: 'promotions', whenHeldBack: 'defer' } },
    exitNode,
  ],
  edges: [edge('start', 'next', 'mail'), edge('mail', 'next', 'done')],
  goals: [],
  exitWhen,
};

async function publish(service: JourneyService, name: string, graph: JourneyGraph): Promise<{ id: string; version: number }> {
  const created = await service.create({ name, description: '', graph });
  const { version } = await service.publish(created.id);
  return { id: created.id, version };
}

/** Starts a run of a published journey as the router does for an entry (same id, options and search attributes). */
function startJourneyRun(runtime: ProcessRuntime, taskQueue: string, journey: { id: string; version: number; name: string }, learnerId: string): Promise<WorkflowHandle<typeof journeyWorkflowV2>> {
  return runtime.client.workflow.start(journeyWorkflowV2, {
    workflowId: journeyRunId({ journeyId: journey.id, learnerId }),
    taskQueue,
    args: [{ journeyId: journey.id, version: journey.version, learnerId, triggerMessageId: `manual:${randomUUID()}` }],
    workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    searchAttributes: { JourneyId: [journey.id], JourneyVersion: [journey.version], LearnerId: [learnerId], CurrentNode: ['start'] },
    memo: { journeyName: journey.name },
  });
}

function workerFor(native: NativeConnection, namespace: string, taskQueue: string, bundle: WorkflowBundleWithSourceMap, store: Store, runtime: ProcessRuntime): Promise<Worker> {
  // As createWorker builds it, with the bundle of the project's workflows plus the baseline.
  return Worker.create({
    connection: native,
    namespace,
    taskQueue,
    workflowBundle: bundle,
    activities: createActivities({ pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys }),
    // Reads what the runtime's client (which starts the runs) encrypted.
    dataConverter: dataConverterOf(runtime.client),
  });
}

// ---------------------------------------------------------------------------------------------------
// (1) runs/s of a 5-step journey without waits, beside the hand-written workflow

async function measureThroughput(runtime: ProcessRuntime, service: JourneyService, store: Store) {
  const journey = { ...(await publish(service, 'Bench five steps', fiveSteps)), name: 'Bench five steps' };
  // The baseline's sends are filed under a journey of its own, active like the interpreter's: the send
  // activity holds messages of journeys that are not.
  const baselineLabel = (await publish(service, 'Bench baseline', fiveSteps)).id;
  const total = (ATTRIBUTE ? 5 : 2) * ROUNDS * Math.ceil(RUNS / ROUNDS) + 2 * WARMUP_RUNS;
  log(`(1) creating ${total} learners`);
  const learners = await createLearners(runtime, `bench-runs-${randomUUID().slice(0, 8)}`, total);
  let next = 0;
  const take = (count: number) => learners.slice(next, (next += count));

  const startJourney = async (learner: Learner) => {
    const handle = await startJourneyRun(runtime, runtime.taskQueue, journey, learner.learnerId);
    const result: JourneyRunResult = await handle.result();
    if (result.outcome !== 'completed' || !result.path.some((step) => step.nodeId === 'mail')) throw new Error(`journey run ${handle.workflowId} ended ${JSON.stringify(result)}`);
    return handle.workflowId;
  };
  const baselineWith = (bookkeeping?: BaselineJourneyInput['bookkeeping']) => async (learner: Learner) => {
    const input: BaselineJourneyInput = { learnerId: learner.learnerId, label: baselineLabel, first: firstChange, condition: onTrial, templateId: TEMPLATE, last: lastChange, triggerMessageId: `manual:${randomUUID()}`, ...(bookkeeping ? { bookkeeping } : {}) };
    const handle = await runtime.client.workflow.start(baselineJourneyWorkflow, {
      workflowId: `bench-baseline-${learner.learnerId}`,
      taskQueue: runtime.taskQueue,
      args: [input],
      ...(bookkeeping?.currentNode
        ? { searchAttributes: { JourneyId: [baselineLabel], JourneyVersion: [journey.version], LearnerId: [learner.learnerId], CurrentNode: ['start'] }, memo: { journeyName: journey.name } }
        : {}),
    });
    const result = await handle.result();
    if (result !== 'sent') throw new Error(`baseline run ${handle.workflowId} ended ${result}`);
    return handle.workflowId;
  };
  const startBaseline = baselineWith();
  type Trouble = Awaited<ReturnType<typeof troubleIn>>;
  const measure = async (label: string, batch: Learner[], run: (learner: Learner) => Promise<string>) => {
    const latencies: number[] = [];
    const startedAt = process.hrtime.bigint();
    const workflowIds = await inParallel(
      batch.map((learner) => async () => {
        const runStartedAt = performance.now();
        const workflowId = await run(learner);
        latencies.push(performance.now() - runStartedAt);
        return workflowId;
      }),
      CONCURRENCY,
    );
    const elapsed = seconds(startedAt);
    log(`(1) ${label}: ${batch.length} runs in ${round(elapsed, 1)} s (${round(batch.length / elapsed, 1)}/s)`);
    return { runs: batch.length, seconds: elapsed, latencies, trouble: await troubleIn(runtime.client, workflowIds) };
  };

  log(`(1) warming up (${WARMUP_RUNS} runs of each)`);
  await measure('warm-up, baseline', take(WARMUP_RUNS), startBaseline);
  await measure('warm-up, journey', take(WARMUP_RUNS), startJourney);

  // The variants take turns in rounds, in the order A B … then … B A, so that load on the machine
  // changing during the run weighs on each of them alike.
  const variants: { name: string; run: (learner: Learner) => Promise<string> }[] = [
    { name: 'baseline', run: startBaseline },
    { name: 'journey', run: startJourney },
    ...(ATTRIBUTE
      ? [
          { name: 'baseline + version load', run: baselineWith({ journeyId: journey.id, version: journey.version, reads: true, stepRecords: false }) },
          { name: 'baseline + version load + 12 step records', run: baselineWith({ journeyId: journey.id, version: journey.version, reads: true, stepRecords: true }) },
          { name: 'baseline + all of those + search attributes (at start, 5 upserts)', run: baselineWith({ journeyId: journey.id, version: journey.version, reads: true, stepRecords: true, currentNode: true }) },
        ]
      : []),
  ];
  const perRound = Math.ceil(RUNS / ROUNDS);
  const totals = new Map(variants.map((variant) => [variant.name, { runs: 0, seconds: 0, latencies: [] as number[], rounds: [] as number[], trouble: undefined as Trouble | undefined }]));
  log(`(1) ${RUNS} runs of each variant, ${CONCURRENCY} in flight, in ${ROUNDS} rounds of ${perRound}`);
  for (let index = 0; index < ROUNDS; index += 1) {
    for (const variant of index % 2 === 0 ? variants : [...variants].reverse()) {
      const figures = await measure(`round ${index + 1}, ${variant.name}`, take(perRound), variant.run);
      const total = totals.get(variant.name)!;
      total.runs += figures.runs;
      total.seconds += figures.seconds;
      total.latencies.push(...figures.latencies);
      total.rounds.push(round(figures.runs / figures.seconds, 1));
      const sum = total.trouble;
      total.trouble = sum ? { runs: sum.runs + figures.trouble.runs, runsWithTrouble: sum.runsWithTrouble + figures.trouble.runsWithTrouble, workflowTaskTimeouts: sum.workflowTaskTimeouts + figures.trouble.workflowTaskTimeouts, workflowTaskFailures: sum.workflowTaskFailures + figures.trouble.workflowTaskFailures, activityTimeouts: sum.activityTimeouts + figures.trouble.activityTimeouts, activityFailures: sum.activityFailures + figures.trouble.activityFailures } : figures.trouble;
    }
  }
  const summary = (name: string) => {
    const total = totals.get(name)!;
    return { runs: total.runs, seconds: round(total.seconds, 1), runsPerSecond: round(total.runs / total.seconds, 2), runsPerSecondByRound: total.rounds, runMs: percentiles(total.latencies), trouble: total.trouble! };
  };
  const baselineRuns = summary('baseline');
  const journeyRuns = summary('journey');
  const ratioOf = (name: string) => round(summary(name).runsPerSecond / baselineRuns.runsPerSecond, 3);
  const attribution = ATTRIBUTE
    ? Object.fromEntries(variants.map((variant) => [variant.name, { runsPerSecond: summary(variant.name).runsPerSecond, runMsP50: summary(variant.name).runMs.p50, ratioToBaseline: ratioOf(variant.name) }]))
    : undefined;

  const sent = await store.models.messageSends.countDocuments({ journeyId: journey.id, status: 'sent' });
  const baselineSent = await store.models.messageSends.countDocuments({ journeyId: baselineLabel, status: 'sent' });
  const journeyTotal = journeyRuns.runs + WARMUP_RUNS;
  const baselineTotal = (variants.length - 1) * journeyRuns.runs + WARMUP_RUNS;
  if (sent !== journeyTotal || baselineSent !== baselineTotal) throw new Error(`expected ${journeyTotal} journey and ${baselineTotal} baseline sends, found ${sent} and ${baselineSent}`);
  const stepRecords = await store.models.journeySteps.countDocuments({ journeyId: journey.id });
  // The journey's work per run, beside the baseline's 4 activities (2 profile updates, 1 condition, 1
  // send): the same 4, plus local activities reading its version and storing its 12 step records in one
  // batch, and CurrentNode at the 4 steps after the entry and at the end.
  const perRun = { activities: 4, localActivities: 2, stepRecords: round(stepRecords / journeyTotal, 1), searchAttributeUpserts: 5 };
  return {
    journey: { id: journey.id, steps: 'manual entry → updateProfile → condition → sendMessage → updateProfile → exit', ...journeyRuns },
    baseline: { workflow: 'baselineJourneyWorkflow (same 4 activities)', ...baselineRuns },
    ratio: ratioOf('journey'),
    concurrency: CONCURRENCY,
    rounds: ROUNDS,
    journeyWorkPerRun: { ...perRun, baselineActivities: 4 },
    ...(attribution ? { attribution } : {}),
    goalRatio: 0.8,
    goalMet: ratioOf('journey') >= 0.8,
  };
}

// ---------------------------------------------------------------------------------------------------
// (2) worker RSS with many runs waiting on a timer

async function measureWaiting(runtime: ProcessRuntime, service: JourneyService, store: Store, native: NativeConnection, namespace: string, bundle: WorkflowBundleWithSourceMap) {
  const journey = { ...(await publish(service, 'Bench wait a day', waitADay)), name: 'Bench wait a day' };
  log(`(2) creating ${WAITING_RUNS.toLocaleString('en')} learners`);
  const learners = await createLearners(runtime, `bench-wait-${randomUUID().slice(0, 8)}`, WAITING_RUNS);
  const taskQueue = `bench-waiting-${randomUUID()}`;
  const worker = await workerFor(native, namespace, taskQueue, bundle, store, runtime);
  let failed: Error | undefined;
  const running = worker.run().catch((error: unknown) => void (failed = error as Error));
  try {
    await sleep(2_000);
    const before = process.memoryUsage();
    let peakRss = before.rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    log(`(2) RSS before: ${mb(before.rss)} MB; starting ${WAITING_RUNS.toLocaleString('en')} runs of manual entry → delay 1 day → exit`);
    const startedAt = process.hrtime.bigint();
    await inParallel(
      learners.map((learner) => async () => void (await startJourneyRun(runtime, taskQueue, journey, learner.learnerId))),
      START_CONCURRENCY,
    );
    const startSeconds = seconds(startedAt);
    const waiting = () => store.models.journeySteps.countDocuments({ journeyId: journey.id, nodeId: 'wait', kind: 'entered' });
    // The last sample before the worker failed, if it does (the figures then describe that moment).
    let last = { count: 0, rss: before.rss, cached: 0 };
    let lastLog = Date.now();
    await waitUntil(
      'every run to reach the delay',
      async () => {
        if (failed) return true;
        const count = await waiting();
        last = { count, rss: process.memoryUsage().rss, cached: worker.getStatus().numCachedWorkflows };
        if (Date.now() - lastLog > 10_000) {
          lastLog = Date.now();
          log(`(2) ${count.toLocaleString('en')} runs at the delay; RSS ${mb(last.rss)} MB, ${last.cached} cached`);
        }
        return count === WAITING_RUNS;
      },
      Math.max(600_000, WAITING_RUNS * 200),
    );
    const allWaitingSeconds = seconds(startedAt);
    if (!failed) {
      // The last workflow tasks (the timer commands) complete right after the step record.
      await waitUntil('the worker to be idle', async () => failed !== undefined || worker.getStatus().numInFlightWorkflowActivations === 0, 60_000);
      await sleep(3_000);
    }
    clearInterval(sampler);
    const after = failed ? { rss: last.rss, heapUsed: Number.NaN } : process.memoryUsage();
    const cached = failed ? last.cached : worker.getStatus().numCachedWorkflows;
    const atDelay = failed ? last.count : WAITING_RUNS;
    if (failed) log(`(2) the worker failed with ${atDelay.toLocaleString('en')} runs at the delay: ${failed.message}`);
    const timers = await runtime.client.workflow.count(`JourneyId = '${journey.id}' AND ExecutionStatus = 'Running'`).catch(() => undefined);
    return {
      runs: WAITING_RUNS,
      journey: 'manual entry → delay 1 day → exit',
      startSeconds: round(startSeconds, 1),
      startsPerSecond: round(WAITING_RUNS / startSeconds, 1),
      allWaitingAfterSeconds: failed ? null : round(allWaitingSeconds, 1),
      atDelay,
      runningOnServer: timers?.count ?? null,
      workerFailed: failed ? { afterSeconds: round(allWaitingSeconds, 1), message: failed.message.split('\n')[0]! } : null,
      rssMb: { before: mb(before.rss), after: mb(after.rss), peak: mb(peakRss), increase: mb(after.rss - before.rss) },
      heapUsedMb: { before: mb(before.heapUsed), after: failed ? null : mb(after.heapUsed) },
      rssIncreasePerRunKb: round((after.rss - before.rss) / 1024 / atDelay, 1),
      rssIncreasePerCachedWorkflowKb: cached > 0 ? round((after.rss - before.rss) / 1024 / cached, 1) : null,
      rssRatio: round(after.rss / before.rss, 3),
      workflowCache: { maxCachedWorkflows: worker.options.maxCachedWorkflows, cached },
    };
  } finally {
    if (!failed) worker.shutdown();
    await running;
  }
}

// ---------------------------------------------------------------------------------------------------
// (3) Segment Entered → mail accepted by SMTP

async function measureEnteredToMail(runtime: ProcessRuntime, service: JourneyService, store: Store, enteredAt: Map<string, number>, acceptedAt: Map<string, number>, smtpMs: Map<string, number>) {
  const count = LATENCY_WARMUP + LATENCY_LEARNERS;
  log(`(3) creating ${3 * count} learners`);
  const tag = randomUUID().slice(0, 8);
  const learners = await createLearners(runtime, `bench-signal-${tag}`, 2 * count);
  const direct = await createLearners(runtime, `bench-direct-${tag}`, count);

  // Baseline: the send activity's work alone (MessageSender.send), paced the same.
  const directLatency = async (batch: Learner[]) => {
    const toSmtp: number[] = [];
    const toReturn: number[] = [];
    const pacing = await paced(LATENCY_RATE, batch.length, async (index) => {
      const learner = batch[index]!;
      const startedAt = performance.now();
      const outcome = await runtime.journeys.sender.send({ idempotencyKey: `bench-direct/${learner.learnerId}`, learnerId: learner.learnerId, templateId: TEMPLATE, channel: 'email', kind: 'marketing', triggerMessageId: `manual:${randomUUID()}` });
      toReturn.push(performance.now() - startedAt);
      if (outcome.status !== 'sent') throw new Error(`the direct send to ${learner.learnerId} was ${outcome.status}`);
      toSmtp.push(acceptedAt.get(learner.email)! - startedAt);
    });
    return { pacing, toSmtpMs: percentiles(toSmtp), toReturnMs: percentiles(toReturn), smtpMs: percentiles(batch.flatMap((learner) => smtpMs.get(learner.email) ?? [])) };
  };
  log(`(3) baseline: ${LATENCY_LEARNERS} direct MessageSender.send calls at ${LATENCY_RATE}/s`);
  await directLatency(direct.slice(0, LATENCY_WARMUP));
  const baseline = await directLatency(direct.slice(LATENCY_WARMUP));

  const now = new Date();
  const rule: SegmentRule = { version: 1, condition: { type: 'event', event: 'Bench Signal', count: { operator: 'atLeast', value: 1 }, window: { kind: 'last', duration: { amount: 1, unit: 'hours' } } } };
  await store.models.segments.create({ _id: SIGNAL_SEGMENT, name: 'Bench signal in the last hour', kind: 'dynamic', rule, dependsOn: ruleDependencies(rule), status: 'active', version: 1, createdAt: now, updatedAt: now });
  runtime.segments.definitions.forget();
  const journey = await publish(service, 'Bench signal mail', signalled);

  const journeyLatency = async (batch: Learner[], rate = LATENCY_RATE) => {
    const trackedAt = new Map<string, number>();
    const cpuBefore = cpuByProcess();
    const pacing = await paced(rate, batch.length, async (index) => {
      const learner = batch[index]!;
      trackedAt.set(learner.learnerId, performance.now());
      await runtime.ingestion.ingest([{ type: 'track', userId: learner.userId, event: 'Bench Signal', messageId: `bench-signal-${learner.learnerId}`, properties: { step: index % 10 } }], { source: 'api' });
    });
    await waitUntil(
      'the journey mails',
      async () => batch.every((learner) => acceptedAt.has(learner.email)),
      120_000 + batch.length * 200,
    ).catch((error: unknown) => log(`(3) ${(error as Error).message}`));
    // CPU per entry by process (this one plays the API; the worker, Temporal and the store run apart).
    const cpuMsPerEntry = Object.fromEntries(Object.entries(cpuBetween(cpuBefore, cpuByProcess())).map(([name, cpuSeconds]) => [name, round((cpuSeconds * 1_000) / batch.length)]));
    const enteredToMail: number[] = [];
    const trackToMail: number[] = [];
    const trackToEntered: number[] = [];
    const enteredToRunStarted: number[] = [];
    const runStartedToMail: number[] = [];
    const smtp: number[] = [];
    // Where the time goes: the run's start time on the Temporal server (same machine, same clock).
    const epoch = (at: number) => performance.timeOrigin + at;
    await inParallel(
      batch.map((learner) => async () => {
        const entered = enteredAt.get(learner.learnerId);
        const accepted = acceptedAt.get(learner.email);
        if (entered !== undefined && accepted !== undefined) enteredToMail.push(accepted - entered);
        if (accepted !== undefined) trackToMail.push(accepted - trackedAt.get(learner.learnerId)!);
        if (entered !== undefined) trackToEntered.push(entered - trackedAt.get(learner.learnerId)!);
        if (smtpMs.has(learner.email)) smtp.push(smtpMs.get(learner.email)!);
        const description = await runtime.client.workflow
          .getHandle(journeyRunId({ journeyId: journey.id, learnerId: learner.learnerId }))
          .describe()
          .catch(() => undefined);
        const started = description?.startTime.getTime();
        if (started !== undefined && entered !== undefined) enteredToRunStarted.push(started - epoch(entered));
        if (started !== undefined && accepted !== undefined) runStartedToMail.push(epoch(accepted) - started);
      }),
      8,
    );
    const runIds = batch.map((learner) => journeyRunId({ journeyId: journey.id, learnerId: learner.learnerId }));
    const trouble = await troubleIn(runtime.client, runIds);
    const inTheRunMs = { ...(await phasesIn(runtime.client, runIds)), ...(await sendPhases(store, journey.id, batch.map((learner) => learner.learnerId))) };
    return {
      pacing,
      trouble,
      enteredToMailMs: percentiles(enteredToMail),
      trackToMailMs: percentiles(trackToMail),
      trackToEnteredMs: percentiles(trackToEntered),
      breakdownMs: { enteredToRunStarted: percentiles(enteredToRunStarted), runStartedToMailAccepted: percentiles(runStartedToMail), smtp: percentiles(smtp), inTheRun: inTheRunMs },
      missed: batch.length - enteredToMail.length,
      /** Segment Entered → mail by the second of the load the learner entered in: a queue builds up, a cold start shows first. */
      enteredToMailMaxBySecond: Array.from({ length: Math.ceil(batch.length / rate) }, (_, second) =>
        Math.max(...batch.slice(second * rate, (second + 1) * rate).map((learner) => round((acceptedAt.get(learner.email) ?? Number.NaN) - (enteredAt.get(learner.learnerId) ?? Number.NaN)))),
      ),
      cpuMsPerEntry,
    };
  };
  log(`(3) ${LATENCY_LEARNERS} learners at ${LATENCY_RATE}/s: track → Segment Entered → journey run → mail`);
  await journeyLatency(learners.slice(0, LATENCY_WARMUP));
  const measured = await journeyLatency(learners.slice(LATENCY_WARMUP, count));
  // The same at half the rate: the latency of the path itself when runs do not queue behind each other.
  log(`(3) ${LATENCY_LEARNERS} more learners at ${LATENCY_RATE / 2}/s`);
  const { pacing: halfPacing, enteredToMailMs: halfEnteredToMail, breakdownMs: halfBreakdown, missed: halfMissed, trouble: halfTrouble, cpuMsPerEntry: halfCpu } = await journeyLatency(learners.slice(count + LATENCY_WARMUP), LATENCY_RATE / 2);
  const sent = await store.models.messageSends.countDocuments({ journeyId: journey.id, status: 'sent' });
  const ratio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b, 2) : null);
  return {
    learners: LATENCY_LEARNERS,
    rate: LATENCY_RATE,
    journey: `segmentEntered ${SIGNAL_SEGMENT} → sendMessage → exit`,
    ...measured,
    sentInLedger: sent,
    halfRate: { rate: LATENCY_RATE / 2, pacing: halfPacing, enteredToMailMs: halfEnteredToMail, breakdownMs: halfBreakdown, missed: halfMissed, trouble: halfTrouble, cpuMsPerEntry: halfCpu },
    baseline: { call: 'MessageSender.send, start → SMTP accepted', ...baseline },
    ratio: { p50: ratio(measured.enteredToMailMs.p50, baseline.toSmtpMs.p50), p99: ratio(measured.enteredToMailMs.p99, baseline.toSmtpMs.p99) },
    goalP99Ms: 2_000,
    goalMet: measured.enteredToMailMs.p99 !== null && measured.enteredToMailMs.p99 < 2_000 && measured.missed === 0,
  };
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const loadBefore = os.loadavg().map((load) => round(load, 2));
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const quiet = () => undefined;
  log('bundling the workflows, starting FerretDB, Temporal and the SMTP catcher');
  const [bundle, storeServer, services] = await Promise.all([
    bundleWorkflowCode({ workflowsPath: require.resolve('./workflows'), logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet } }),
    benchStore(),
    benchServices(),
  ]);
  // Interrupted, the services started here stop too (they are child processes of their own).
  const interrupted = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping the services`);
    void Promise.allSettled([services.stop(), storeServer.stop()]).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const store = Store.open({ uri: storeServer.uri, database: `bench_journeys_${randomUUID().slice(0, 8)}` });
  let runtime: ProcessRuntime | undefined;
  let native: NativeConnection | undefined;
  try {
    await store.waitUntilConnected(30_000);
    const buildInfo = await store.connection.db!.admin().command({ buildInfo: 1 });
    const { config } = services;
    // Subscribed before the segment engine and the router: a Segment Entered is noted when announced,
    // before the router starts the run it causes.
    const { ingestion } = createIngestion(store.models, config.env, { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) });
    const enteredAt = new Map<string, number>();
    ingestion.hook.subscribe((change) => {
      for (const event of change.events) if (event.name === 'Segment Entered' && event.properties.segmentId === SIGNAL_SEGMENT) enteredAt.set(change.learnerId, performance.now());
    });
    const acceptedAt = new Map<string, number>();
    const smtpMs = new Map<string, number>();
    runtime = createProcessRuntime({
      models: store.models,
      config,
      log: { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) },
      ingestion,
      temporalAddress: services.temporalAddress,
      taskQueue: `bench-journeys-${randomUUID()}`,
      mailer: timedMailer(smtpMailer({ url: services.smtpUrl, from: config.env.MAIL_FROM }), acceptedAt, smtpMs),
      deliver: true,
    });
    await new TemplateCatalog(store.models).create({ id: TEMPLATE, name: 'Bench mail', subject: 'A bench mail for {{ learner.firstName | default: "you" }}', html: '<p>Hi {{ learner.firstName | default: "there" }},</p><p>This is a benchmark.</p>' });
    const service = new JourneyService(runtime.journeys);
    native = await NativeConnection.connect({ address: services.temporalAddress });

    // (2) first, with a worker of its own: its "before" is a worker that has run nothing yet.
    const waiting = measuring('2') ? await measureWaiting(runtime, service, store, native, config.temporal.namespace, bundle) : null;
    let throughput: Awaited<ReturnType<typeof measureThroughput>> | null = null;
    if (measuring('1')) {
      const worker = await workerFor(native, config.temporal.namespace, runtime.taskQueue, bundle, store, runtime);
      const running = worker.run();
      try {
        throughput = await measureThroughput(runtime, service, store);
      } finally {
        worker.shutdown();
        await running;
      }
    }
    let latency: Awaited<ReturnType<typeof measureEnteredToMail>> | null = null;
    if (measuring('3')) {
      // (3) as deployed: this process plays the API (ingestion, segments, router, delivery), the worker
      // runs as worker/main.ts in a process of its own, as `npm start` and a deployment run it.
      const workerProcess = await startWorkerProcess({
        ...process.env,
        TEMPORAL_ADDRESS: services.temporalAddress,
        MONGODB_URI: storeServer.uri,
        STORE_DATABASE: store.connection.name,
        TEMPORAL_TASK_QUEUE: runtime.taskQueue,
        DATA_DIR: config.dataDir,
        SMTP_URL: services.smtpUrl,
        LOG_LEVEL: 'info',
      });
      try {
        latency = await measureEnteredToMail(runtime, service, store, enteredAt, acceptedAt, smtpMs);
      } finally {
        await workerProcess.stop();
      }
    }

    const figures = {
      benchmark: 'journeys',
      quick,
      store: 'ferretdbVersion' in buildInfo ? `FerretDB (speaking MongoDB ${String(buildInfo.version)})` : `MongoDB ${String(buildInfo.version)}`,
      services: services.label,
      throughput,
      waiting,
      enteredToMail: latency,
      totalSeconds: round(seconds(startedAt)),
      /** 1/5/15-minute load averages of the machine (2 cores) before and after: other work skews the figures. */
      loadAverage: { before: loadBefore, after: os.loadavg().map((load) => round(load, 2)) },
    };

    const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
    const latencies = (figures: { p50: number | null; p95: number | null; p99: number | null; max: number | null }) => `p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, p99 ${ms(figures.p99)}, max ${ms(figures.max)}`;
    const troubled = (trouble: { runs: number; runsWithTrouble: number; workflowTaskTimeouts: number; activityTimeouts: number; activityFailures: number }) =>
      `${trouble.runsWithTrouble} of ${trouble.runs} runs retried something (${trouble.workflowTaskTimeouts} workflow-task timeouts, ${trouble.activityTimeouts} activity timeouts, ${trouble.activityFailures} activity failures)`;
    if (throughput) {
      const t = throughput;
      console.log(`(1) ${t.journey.runs} runs of the 5-step journey, ${t.concurrency} in flight: ${t.journey.runsPerSecond} runs/s (run ${latencies(t.journey.runMs)})`);
      console.log(`    hand-written baseline, same activities: ${t.baseline.runsPerSecond} runs/s (by round ${t.baseline.runsPerSecondByRound.join(', ')}; journey by round ${t.journey.runsPerSecondByRound.join(', ')}; run p50 ${ms(t.baseline.runMs.p50)}) → ratio ${t.ratio}; goal ≥ 0.8 ${t.goalMet ? 'met' : 'NOT met'}`);
      console.log(`    journey runs: ${troubled(t.journey.trouble)}; baseline runs: ${troubled(t.baseline.trouble)}`);
      console.log(`    journey work per run: ${t.journeyWorkPerRun.activities} activities + ${t.journeyWorkPerRun.localActivities} local activities (version, ${t.journeyWorkPerRun.stepRecords} step records in one batch) + ${t.journeyWorkPerRun.searchAttributeUpserts} search-attribute upserts, vs ${t.journeyWorkPerRun.baselineActivities} activities`);
      if (t.attribution) for (const [name, figures] of Object.entries(t.attribution)) console.log(`    attribution: ${name}: ${figures.runsPerSecond} runs/s, ratio ${figures.ratioToBaseline}, run p50 ${ms(figures.runMsP50)}`);
    }
    if (waiting) {
      const w = waiting;
      if (w.workerFailed) console.log(`(2) THE WORKER FAILED after ${w.workerFailed.afterSeconds} s with ${w.atDelay.toLocaleString('en')} of ${w.runs.toLocaleString('en')} runs at the delay: ${w.workerFailed.message}`);
      console.log(`(2) ${w.atDelay.toLocaleString('en')} runs waiting on a 1-day timer (${w.allWaitingAfterSeconds === null ? 'not all reached it' : `all at the delay after ${w.allWaitingAfterSeconds} s`}, started at ${w.startsPerSecond}/s): worker process RSS ${w.rssMb.before} MB before → ${w.rssMb.after} MB ${w.workerFailed ? 'last sampled' : 'after'} (peak ${w.rssMb.peak} MB), +${w.rssIncreasePerRunKb} KB per run, ratio ${w.rssRatio}`);
      console.log(`    workflow cache: ${w.workflowCache.cached} of at most ${w.workflowCache.maxCachedWorkflows} cached (+${w.rssIncreasePerCachedWorkflowKb} KB per cached run); main-thread heap used ${w.heapUsedMb.before} → ${w.heapUsedMb.after ?? '–'} MB`);
    }
    if (latency) {
      const l = latency;
      console.log(`(3) Segment Entered → mail accepted by SMTP, ${l.learners} learners at ${l.rate}/s: ${latencies(l.enteredToMailMs)}; missed ${l.missed}; goal p99 < 2 s ${l.goalMet ? 'met' : 'NOT met'}`);
      console.log(`    track call → mail: ${latencies(l.trackToMailMs)}; track → Segment Entered: ${latencies(l.trackToEnteredMs)}`);
      console.log(`    of which Segment Entered → run started on the server: ${latencies(l.breakdownMs.enteredToRunStarted)}; run started → mail accepted: ${latencies(l.breakdownMs.runStartedToMailAccepted)}; SMTP alone: ${latencies(l.breakdownMs.smtp)}`);
      console.log(`    ${troubled(l.trouble)}`);
      for (const [phase, figures] of Object.entries(l.breakdownMs.inTheRun)) console.log(`    in the run (server clock), ${phase}: ${latencies(figures)}`);
      console.log(`    slowest by second of the load: ${l.enteredToMailMaxBySecond.map((value) => ms(value)).join(', ')}`);
      console.log(`    CPU per entry: ${Object.entries(l.cpuMsPerEntry).map(([name, cpu]) => `${name} ${cpu} ms`).join(', ')}`);
      console.log(`    at half the rate (${l.halfRate.rate}/s): ${latencies(l.halfRate.enteredToMailMs)}; missed ${l.halfRate.missed}; run started → mail accepted ${latencies(l.halfRate.breakdownMs.runStartedToMailAccepted)}`);
      console.log(`    baseline, MessageSender.send directly → SMTP accepted: ${latencies(l.baseline.toSmtpMs)} (SMTP alone ${latencies(l.baseline.smtpMs)}); ratio p50 ${l.ratio.p50}, p99 ${l.ratio.p99}`);
    }
    console.log(JSON.stringify(figures));
  } finally {
    await runtime?.close();
    await native?.close();
    await store.connection.dropDatabase().catch(() => undefined);
    await store.close();
    await services.stop();
    await storeServer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
