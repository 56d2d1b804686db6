import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createSegmentActivities } from '../activities/segments';
import { buildApp } from '../api/app';
import { ApiKeys } from '../api/keys/apiKeys';
import { loadConfig } from '../config/env';
import {
  compileRule,
  evaluateRule,
  exampleSegments,
  nextChangeAt,
  recordEvents,
  ruleDependencies,
  type BehaviourSummary,
  type LearnerFacts,
  type RecordedEvent,
  type SegmentRule,
} from '../domain/segments';
import { Ingestion } from '../ingestion/pipeline';
import { wakeTime, type SegmentClock, type Wake } from '../segments/clock';
import { dataConverterFrom, dataConverterOf } from '../runtime/dataConverter';
import { createProcessRuntime } from '../runtime/processRuntime';
import { createSegmentRuntime } from '../segments/runtime';
import { startEmbeddedServices } from '../stack/services/embeddedServices';
import { findFreePort } from '../stack/services/ports';
import { Store, type StoreModels } from '../store/connection';
import { workflowsPath } from '../worker/createWorker';
import { benchStore, inParallel, quick, round, seconds } from './support';

/**
 * `npm run bench:segments [-- --quick] [-- --learners N]`: the dynamic segment engine.
 *
 * (a) Latency from a `POST /v1/track` (a real API listening on a port, a fresh learner per call, paced
 *     at a steady rate, open loop) to its Segment Entered, beside the same calls' response latency with
 *     no segment defined, measured in the same run; then the same at half the rate the API served, to
 *     show the latency when it is not overloaded; and how many learners' wake-ups never reached the clock.
 * (b) Time-passing lateness: learners whose membership changes with time alone, woken by the real
 *     Temporal clock (dev server, a worker) at the default resolution; lateness = Segment Entered − the
 *     moment the rule became true.
 * (c) Backfill of the three example segments over many learners (BulkEvaluation.evaluate), beside the
 *     store's plain cursor read of the same collection, then the same backfill again (nothing changes:
 *     the steady-state re-evaluation rate). (e) Peak RSS while it runs.
 * (d) In-memory evaluations/s of the interpreter (evaluateRule) and the compiled rule (compileRule).
 */
const argument = (name: string) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};

const TRACK_RATE = 200;
const TRACK_SECONDS = quick ? 10 : 60;
const SUSTAINABLE_SECONDS = quick ? 10 : 30;
const WARMUP_SECONDS = 2;
/** Sockets the client opens at most (requests beyond wait in the client, and their latency counts). */
const CLIENT_SOCKETS = 256;
const CLOCK_LEARNERS = quick ? 200 : 2_000;
/** SEGMENT_CLOCK_RESOLUTION_SECONDS' default. */
const CLOCK_RESOLUTION_MS = 15_000;
const CLOCK_WINDOW_SECONDS = 20;
/** Enrolment times are spread over this much before each learner's ingestion. */
const CLOCK_SPREAD_MS = 5_000;
/** Learners are enrolled by this many concurrent ingestion calls of CLOCK_BATCH, as API requests arrive. */
const CLOCK_CALLERS = 4;
const CLOCK_BATCH = 25;
// The issue asks for 1,000,000; on this machine part (c) alone would then take one to two hours (first
// pass 230–540 learners/s, cursor reads 1,600–1,900/s: bench/RESULTS.md), so the full run defaults to
// 200,000 and `--learners 1000000` runs the original size.
const BACKFILL_LEARNERS = Number(argument('--learners') ?? (quick ? 20_000 : 200_000));
const INSERT_BATCH = 2_000;
const EVALUATION_SECONDS = quick ? 0.5 : 2;
const FACTS = 10_000;

const SIGNAL_SEGMENT = 'bench-signal';
const CLOCK_SEGMENT = 'bench-clock';

const DAY = 86_400_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stderr.write(`[bench:segments] ${line}\n`);

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? null : round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!, 1));
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

async function saveSegment(models: StoreModels, segment: { id: string; name: string; rule: SegmentRule }): Promise<void> {
  const now = new Date();
  await models.segments.create({ _id: segment.id, name: segment.name, kind: 'dynamic', rule: segment.rule, dependsOn: ruleDependencies(segment.rule), status: 'active', version: 1, createdAt: now, updatedAt: now });
}

async function openStore(uri: string, prefix: string): Promise<Store> {
  const store = Store.open({ uri, database: `${prefix}_${randomUUID().slice(0, 8)}` });
  await store.waitUntilConnected(30_000);
  return store;
}

async function dropAndClose(store: Store): Promise<void> {
  await store.connection.dropDatabase();
  await store.close();
}

/** Learners whose outbox still holds a wake-up that was never asked of the clock, though segmentsWakeAt says it was. */
async function wakesLeftInOutbox(models: StoreModels): Promise<{ learners: number; withWakeAt: number; wakeLeftInOutbox: number }> {
  let learners = 0;
  let withWakeAt = 0;
  let wakeLeftInOutbox = 0;
  for await (const doc of models.learners.find({}, { segmentOutbox: 1, segmentsWakeAt: 1 }).lean().batchSize(1_000).cursor()) {
    learners += 1;
    if (doc.segmentsWakeAt) withWakeAt += 1;
    if ((doc.segmentOutbox as { type: string }[]).some((entry) => entry.type === 'wake')) wakeLeftInOutbox += 1;
  }
  return { learners, withWakeAt, wakeLeftInOutbox };
}

/** A clock that remembers the wake-ups asked of it and does nothing (when no Temporal server is up). */
class RecordingClock implements SegmentClock {
  wakes = 0;
  async wake(wakes: readonly Wake[]): Promise<void> {
    this.wakes += wakes.length;
  }
}

interface TemporalSide {
  label: string;
  address: string;
  namespace: string;
  client: Client;
  native: NativeConnection;
  stop(): Promise<void>;
}

/** The Temporal dev server of the benchmark's own (free ports, fresh data), or TEMPORAL_ADDRESS's; undefined if neither comes up. */
async function benchTemporal(): Promise<TemporalSide | undefined> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-temporal-'));
  try {
    const config = loadConfig({ ...process.env, DATA_DIR: dataDir, TEMPORAL_PORT: String(await findFreePort()), TEMPORAL_UI_PORT: String(await findFreePort()) });
    const services = await startEmbeddedServices(config, { logFor: () => () => undefined, only: ['temporal'] });
    const address = services.temporal.address;
    const connection = await Connection.connect({ address });
    const native = await NativeConnection.connect({ address });
    return {
      label: process.env.TEMPORAL_ADDRESS ? `Temporal at ${address} (TEMPORAL_ADDRESS)` : 'embedded Temporal dev server',
      address,
      namespace: config.temporal.namespace,
      client: new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverterFrom(config) }),
      native,
      async stop() {
        await native.close();
        await connection.close();
        await services.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    log(`no Temporal server (${(error as Error).message}); the clock part is skipped and the others use a recording clock`);
    rmSync(dataDir, { recursive: true, force: true });
    return undefined;
  }
}

/** Calls `send(i)` for i = 0 … rate·duration − 1 at a steady rate, without waiting for earlier calls (open loop). */
async function paced(rate: number, durationSeconds: number, send: (index: number) => Promise<void>): Promise<{ sent: number; achievedRate: number; maxLagMs: number }> {
  const total = Math.round(rate * durationSeconds);
  const interval = 1_000 / rate;
  const startedAt = performance.now();
  const inFlight: Promise<void>[] = [];
  let maxLag = 0;
  let lastSentAt = startedAt;
  for (let index = 0; index < total; index += 1) {
    const due = startedAt + index * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    lastSentAt = performance.now();
    maxLag = Math.max(maxLag, lastSentAt - due);
    inFlight.push(send(index));
  }
  await Promise.all(inFlight);
  return { sent: total, achievedRate: round((total - 1) / ((lastSentAt - startedAt) / 1_000), 1), maxLagMs: round(maxLag, 1) };
}

// ---------------------------------------------------------------------------------------------------
// (a) track call → Segment Entered, over HTTP

const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENT_SOCKETS });

/** One POST; resolves with the status and body (a refused connection rejects). */
function post(port: number, url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: '127.0.0.1', port, path: url, method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

const RETRIES = 3;

async function measureTrackToEntered(uri: string, temporal: TemporalSide | undefined) {
  const store = await openStore(uri, 'bench_seg_api');
  const ingestion = new Ingestion(store.models);
  // Subscribed before the engine, so a learner's track event is seen before the Segment Entered it causes.
  const messageOf = new Map<string, string>();
  const enteredAt = new Map<string, number>();
  ingestion.hook.subscribe((change) => {
    // A retried call whose first attempt stored the event comes back as a replay.
    for (const event of change.replayedEvents) if (event.name === 'Bench Signal') messageOf.set(change.learnerId, event.messageId);
    for (const event of change.events) {
      if (event.name === 'Bench Signal') messageOf.set(change.learnerId, event.messageId);
      else if (event.name === 'Segment Entered' && event.properties.segmentId === SIGNAL_SEGMENT) {
        const messageId = messageOf.get(change.learnerId);
        if (messageId) enteredAt.set(messageId, performance.now());
      }
    }
  });
  // The API process's runtime, as api/main.ts builds it (segment engine, then the journey router).
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const runtime = createProcessRuntime({
    models: store.models,
    config,
    log: { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) },
    ingestion,
    temporalAddress: temporal?.address ?? '127.0.0.1:9',
    taskQueue: `bench-api-${randomUUID()}`,
    clockResolutionMs: CLOCK_RESOLUTION_MS,
    clock: temporal ? undefined : new RecordingClock(),
    mailer: { send: () => Promise.reject(new Error('the benchmark sends no email')), close: () => undefined },
  });
  const app = await buildApp({
    config: { env: config.env, api: { host: '127.0.0.1', port: 0, publicUrl: 'http://127.0.0.1' }, temporal: config.temporal },
    models: store.models,
    ingestion,
    segments: runtime.segments,
    journeys: runtime.journeys,
    probes: { store: () => store.ping(), temporal: async () => undefined },
    logger: false,
  });
  // What the 503s the API answers really were (the answer says only "store_unavailable").
  const serverErrors = new Map<string, number>();
  app.addHook('onError', async (_request, _reply, error) => {
    const key = `${error.name}: ${error.message.slice(0, 160)}`;
    serverErrors.set(key, (serverErrors.get(key) ?? 0) + 1);
  });
  try {
    await app.listen({ host: '127.0.0.1', port: await findFreePort() });
    const { port } = app.server.address() as AddressInfo;
    const writeKey = (await new ApiKeys(store.models).create({ name: 'bench', kind: 'write' })).secret;
    const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const runId = randomUUID().slice(0, 8);

    const phase = async (name: string, rate: number, durationSeconds: number) => {
      const sentAt = new Map<string, number>();
      const answered: number[] = [];
      const firstSentAt = performance.now();
      let lastAnsweredAt = firstSentAt;
      let retried = 0;
      let failed = 0;
      const errors = new Map<string, number>();
      const pacing = await paced(rate, durationSeconds, async (index) => {
        const messageId = `bench-${name}-${runId}-${index}`;
        const body = JSON.stringify({ userId: `signal-${name}-${runId}-${index}`, event: 'Bench Signal', messageId, properties: { plan: 'pro', step: index % 10 } });
        const startedAt = performance.now();
        sentAt.set(messageId, startedAt);
        // As Segment's libraries do: a 503 (or 429) is sent again, the same messageId, after a pause.
        for (let attempt = 0; ; attempt += 1) {
          const answer = await post(port, '/v1/track', { authorization, 'content-type': 'application/json' }, body);
          if (answer.status === 200) break;
          errors.set(`${answer.status} ${answer.body.slice(0, 160)}`, (errors.get(`${answer.status} ${answer.body.slice(0, 160)}`) ?? 0) + 1);
          if ((answer.status !== 503 && answer.status !== 429) || attempt >= RETRIES) {
            failed += 1;
            return;
          }
          retried += 1;
          await sleep(100 * 2 ** attempt);
        }
        lastAnsweredAt = performance.now();
        answered.push(lastAnsweredAt - startedAt);
      });
      const entered = [...sentAt].flatMap(([messageId, at]) => (enteredAt.has(messageId) ? [enteredAt.get(messageId)! - at] : []));
      return {
        rate,
        seconds: durationSeconds,
        pacing,
        /** Answers per second from the first call sent to the last answer: the API's capacity when it is overloaded. */
        servedPerSecond: round(answered.length / ((lastAnsweredAt - firstSentAt) / 1_000), 1),
        responseMs: percentiles(answered),
        enteredMs: percentiles(entered),
        missed: pacing.sent - entered.length,
        /** Calls answered with an error (then retried up to RETRIES times), and calls that never succeeded. */
        retried,
        failed,
        errors: Object.fromEntries(errors),
      };
    };

    log(`(a) warming up, then ${TRACK_SECONDS} s at ${TRACK_RATE} track calls/s with no segment`);
    await phase('warmup', TRACK_RATE, WARMUP_SECONDS);
    const { enteredMs: _none, missed: _all, ...baseline } = await phase('baseline', TRACK_RATE, TRACK_SECONDS);
    await saveSegment(store.models, {
      id: SIGNAL_SEGMENT,
      name: 'Bench signal in the last hour',
      rule: { version: 1, condition: { type: 'event', event: 'Bench Signal', count: { operator: 'atLeast', value: 1 }, window: { kind: 'last', duration: { amount: 1, unit: 'hours' } } } },
    });
    runtime.segments.definitions.forget();
    log(`(a) ${TRACK_SECONDS} s at ${TRACK_RATE} track calls/s with the segment "performed Bench Signal at least once in the last 1 hour"`);
    const withSegment = await phase('segment', TRACK_RATE, TRACK_SECONDS);
    // The same at half the rate the API just served: the latency when it is not overloaded (half, not
    // more, because other work on a 2-core machine moves the capacity by tens of percent).
    const sustainableRate = Math.max(1, Math.floor(withSegment.servedPerSecond * 0.5));
    log(`(a) ${SUSTAINABLE_SECONDS} s at ${sustainableRate} track calls/s (half the rate served) with the segment`);
    const belowCapacity = await phase('sustainable', sustainableRate, SUSTAINABLE_SECONDS);
    const ratio = (a: number | null, b: number | null) => (a !== null && b ? round(a / b, 2) : null);
    return {
      clock: temporal ? 'temporal' : 'recording',
      clientSockets: CLIENT_SOCKETS,
      baseline,
      withSegment,
      ratio: { p50: ratio(withSegment.enteredMs.p50, baseline.responseMs.p50), p95: ratio(withSegment.enteredMs.p95, baseline.responseMs.p95), p99: ratio(withSegment.enteredMs.p99, baseline.responseMs.p99) },
      belowCapacity,
      wakes: await wakesLeftInOutbox(store.models),
      serverErrors: Object.fromEntries(serverErrors),
      goalP99Ms: 1_000,
      goalMet: withSegment.enteredMs.p99 !== null && withSegment.enteredMs.p99 < 1_000 && withSegment.missed === 0 && withSegment.retried === 0,
    };
  } finally {
    await app.close();
    await runtime.close();
    await dropAndClose(store);
  }
}

// ---------------------------------------------------------------------------------------------------
// (b) time passing, through the Temporal clock and a worker

async function measureTimePassing(uri: string, temporal: TemporalSide, bundle: WorkflowBundleWithSourceMap) {
  const store = await openStore(uri, 'bench_seg_clock');
  const ingestion = new Ingestion(store.models);
  const enteredAt = new Map<string, number>();
  ingestion.hook.subscribe((change) => {
    for (const event of change.events) if (event.name === 'Segment Entered' && event.properties.segmentId === CLOCK_SEGMENT) enteredAt.set(change.learnerId, Date.now());
  });
  const taskQueue = `bench-clock-${randomUUID()}`;
  const runtime = createSegmentRuntime({ models: store.models, ingestion, temporal: () => temporal.client, taskQueue, clockResolutionMs: CLOCK_RESOLUTION_MS, log: { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) } });
  const window = { kind: 'last', duration: { amount: CLOCK_WINDOW_SECONDS, unit: 'seconds' } } as const;
  await saveSegment(store.models, {
    id: CLOCK_SEGMENT,
    name: `No enrolment for ${CLOCK_WINDOW_SECONDS} s since enrolling`,
    rule: {
      version: 1,
      condition: {
        type: 'all',
        conditions: [
          { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } },
          { type: 'event', event: 'Enrolled', count: { operator: 'exactly', value: 0 }, window },
        ],
      },
    },
  });
  // The project's workflows with the segment activities only: the clock workflow calls nothing else.
  const worker = await Worker.create({ connection: temporal.native, namespace: temporal.namespace, taskQueue, workflowBundle: bundle, activities: createSegmentActivities({ segments: runtime }), dataConverter: dataConverterOf(temporal.client) });
  const running = worker.run();
  try {
    // The rule becomes true 1 ms after the enrolment leaves the window (nextChangeAt: at + window + 1).
    const dueAt = new Map<string, number>();
    const runId = randomUUID().slice(0, 8);
    const ingestStartedAt = Date.now();
    const batches = Array.from({ length: Math.ceil(CLOCK_LEARNERS / CLOCK_BATCH) }, (_, batch) => async () => {
      const sentAt = Date.now();
      const messages = Array.from({ length: Math.min(CLOCK_BATCH, CLOCK_LEARNERS - batch * CLOCK_BATCH) }, (_, offset) => {
        const index = batch * CLOCK_BATCH + offset;
        const at = sentAt - ((index * 37) % 50) * (CLOCK_SPREAD_MS / 50);
        return { type: 'track', userId: `clock-${runId}-${index}`, event: 'Enrolled', messageId: `clock-${runId}-${index}`, timestamp: new Date(at).toISOString(), properties: { courseId: 'bench-course' } };
      });
      const result = await ingestion.ingest(messages, { source: 'api' });
      messages.forEach((message, offset) => dueAt.set(result.learnerIds[offset]!, Date.parse(message.timestamp) + CLOCK_WINDOW_SECONDS * 1_000 + 1));
    });
    await inParallel(batches, CLOCK_CALLERS);
    const ingestSeconds = (Date.now() - ingestStartedAt) / 1_000;
    const lastDue = Math.max(...dueAt.values());
    log(`(b) ${CLOCK_LEARNERS} learners enrolled in ${round(ingestSeconds, 1)} s; their rule becomes true over the next ${round((lastDue - Date.now()) / 1_000)} s, waiting for the clock`);
    const deadline = lastDue + 60_000 + 30_000;
    while (enteredAt.size < CLOCK_LEARNERS && Date.now() < deadline) await sleep(200);

    const lateness: number[] = [];
    const afterWake: number[] = [];
    for (const [learnerId, due] of dueAt) {
      const at = enteredAt.get(learnerId);
      if (at === undefined) continue;
      lateness.push((at - due) / 1_000);
      afterWake.push((at - wakeTime(due, due - 20_000, CLOCK_RESOLUTION_MS)) / 1_000);
    }
    const stats = percentiles(lateness);
    return {
      learners: CLOCK_LEARNERS,
      ingestion: `${CLOCK_CALLERS} concurrent calls of ${CLOCK_BATCH} learners`,
      resolutionMs: CLOCK_RESOLUTION_MS,
      windowSeconds: CLOCK_WINDOW_SECONDS,
      ingestSeconds: round(ingestSeconds, 1),
      latenessSeconds: stats,
      minLatenessSeconds: lateness.length ? round(Math.min(...lateness), 2) : null,
      /** Entered − the wake-up moment the clock rounds the due time up to: the worker's own delay. */
      afterWakeSeconds: percentiles(afterWake),
      early: lateness.filter((value) => value < 0).length,
      missed: CLOCK_LEARNERS - lateness.length,
      wakes: await wakesLeftInOutbox(store.models),
      goalP99Seconds: 60,
      goalMet: stats.p99 !== null && stats.p99 <= 60 && lateness.length === CLOCK_LEARNERS,
    };
  } finally {
    worker.shutdown();
    await running;
    runtime.stop();
    await dropAndClose(store);
  }
}

// ---------------------------------------------------------------------------------------------------
// Synthetic learners (c, d)

/** mulberry32: the same learners on every run. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Kind = 'dormant' | 'engaged' | 'atRisk' | 'lead' | 'student';
/** Per 100 learners: 1 highly engaged prospect, 1 at-risk student, 1 new lead, 2 active students, 95 dormant. */
const kindOf = (n: number): Kind => {
  const slot = n % 100;
  return slot === 10 ? 'engaged' : slot === 30 ? 'atRisk' : slot === 50 ? 'lead' : slot === 70 || slot === 90 ? 'student' : 'dormant';
};

function learnerEvents(n: number, now: number, random: () => number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  const daysAgo = (min: number, max: number) => now - Math.round((min + random() * (max - min)) * DAY);
  const add = (name: string, at: number, properties?: Record<string, unknown>) => events.push({ id: `bench-${n}-${events.length}`, name, at, properties });
  const course = `course-${n % 7}`;
  const views = (count: number, min: number, max: number) => {
    for (let index = 0; index < count; index += 1) add('Course Page Viewed', daysAgo(min, max), { courseId: course, path: `/courses/${course}` });
  };
  const opens = (count: number, min: number, max: number) => {
    for (let index = 0; index < count; index += 1) add('Email Opened', daysAgo(min, max), { messageId: `newsletter-${index}` });
  };
  switch (kindOf(n)) {
    case 'engaged':
      views(3 + (n % 3), 0.1, 6);
      opens(2 + (n % 2), 0.1, 6);
      break;
    case 'atRisk':
      add('Enrolled', daysAgo(40, 120), { courseId: course, plan: 'pro' });
      for (let index = 0; index < 1 + (n % 3); index += 1) add('Logged In', daysAgo(10, 39));
      break;
    case 'lead':
      add('Lead Magnet Downloaded', daysAgo(1, 25), { magnet: 'syllabus' });
      views(1, 1, 25);
      break;
    case 'student':
      add('Enrolled', daysAgo(20, 120), { courseId: course, plan: 'pro' });
      for (let index = 0; index < 2 + (n % 4); index += 1) add('Logged In', daysAgo(0.1, 6.5));
      break;
    case 'dormant':
      views(1 + (n % 3), 40, 300);
      if (n % 2 === 0) opens(1, 45, 300);
      if (n % 3 === 0) add('Lead Magnet Downloaded', daysAgo(60, 400), { magnet: 'checklist' });
      if (n % 5 === 0) add('Logged In', daysAgo(40, 300));
      break;
  }
  return events;
}

function behaviourOf(n: number, now: number, random: () => number): BehaviourSummary {
  return recordEvents({}, learnerEvents(n, now, random)).summary;
}

function learnerDocument(n: number, now: number, random: () => number) {
  const email = `learner${n}@example.com`;
  const created = new Date(now - 400 * DAY);
  return {
    _id: `bench-lrn-${n}`,
    userId: `bench-user-${n}`,
    emails: [email],
    anonymousIds: [],
    traits: { email, firstName: `Ada${n}`, lastName: 'Okafor', country: ['US', 'GB', 'DE', 'IN', 'BR'][n % 5], plan: n % 4 === 0 ? 'pro' : 'free' },
    traitsUpdatedAt: {},
    groups: [],
    mergedInto: null,
    behaviour: behaviourOf(n, now, random),
    segmentIds: [],
    memberships: {},
    segmentsEvaluatedAt: null,
    segmentsDueAt: null,
    segmentsWakeAt: null,
    segmentOutbox: [],
    revision: 0,
    createdAt: created,
    updatedAt: created,
  };
}

// ---------------------------------------------------------------------------------------------------
// (d) in-memory evaluations/s

function measureInMemory() {
  const now = Date.now();
  const random = prng(7);
  const facts: LearnerFacts[] = Array.from({ length: FACTS }, (_, n) => ({ traits: {}, behaviour: behaviourOf(n, now, random), memberships: new Set<string>() }));
  // Each figure is the best of ROUNDS short runs, interpreter and compiled taking turns: other work on
  // the machine then slows some rounds rather than one evaluator's whole figure.
  const ROUNDS = 4;
  const timed = (evaluate: (facts: LearnerFacts) => boolean) => {
    let evaluations = 0;
    let matched = 0;
    const startedAt = process.hrtime.bigint();
    const budget = BigInt(Math.round((EVALUATION_SECONDS / ROUNDS) * 1e9));
    while (process.hrtime.bigint() - startedAt < budget) {
      for (let index = 0; index < 1_000; index += 1) if (evaluate(facts[(evaluations + index) % FACTS]!)) matched += 1;
      evaluations += 1_000;
    }
    return { perSecond: evaluations / seconds(startedAt), matchedShare: matched / evaluations };
  };
  const compare = (interpret: (facts: LearnerFacts) => boolean, compiled: (facts: LearnerFacts) => boolean) => {
    // Warm-up: every learner once, so the optimiser has seen them before the clock starts.
    for (const learner of facts) {
      interpret(learner);
      compiled(learner);
    }
    let best = { interpreter: 0, compiled: 0, matchedShare: 0 };
    for (let index = 0; index < ROUNDS; index += 1) {
      const a = timed(interpret);
      const b = timed(compiled);
      best = { interpreter: Math.max(best.interpreter, a.perSecond), compiled: Math.max(best.compiled, b.perSecond), matchedShare: a.matchedShare };
    }
    return best;
  };
  return Object.fromEntries(
    exampleSegments.map((segment) => {
      const compiled = compileRule(segment.rule);
      const best = compare((learner) => evaluateRule(segment.rule, learner, now), (learner) => compiled(learner, now));
      return [segment.id, { interpreterPerSecond: round(best.interpreter), compiledPerSecond: round(best.compiled), compiledOverInterpreter: round(best.compiled / best.interpreter, 2), matchedShare: round(best.matchedShare, 4) }];
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// (c) backfill of the example segments, (e) its peak RSS

async function measureBackfill(uri: string, temporal: TemporalSide | undefined) {
  const store = await openStore(uri, 'bench_seg_backfill');
  const ingestion = new Ingestion(store.models);
  const recording = temporal ? undefined : new RecordingClock();
  const runtime = createSegmentRuntime({
    models: store.models,
    ingestion,
    temporal: () => temporal!.client,
    taskQueue: `bench-backfill-${randomUUID()}`,
    clockResolutionMs: CLOCK_RESOLUTION_MS,
    clock: recording,
    log: { warn: (object, message) => log(`${message} ${JSON.stringify(object)}`) },
  });
  try {
    for (const segment of exampleSegments) await saveSegment(store.models, segment);
    const compiled = exampleSegments.map((segment) => ({ id: segment.id, matches: compileRule(segment.rule) }));
    const expected: Record<string, number> = Object.fromEntries(exampleSegments.map((segment) => [segment.id, 0]));
    // Learners the first pass must write: a membership to change, or a time-dependent one to schedule.
    let expectedWrites = 0;

    log(`(c) inserting ${BACKFILL_LEARNERS.toLocaleString('en')} learners`);
    const now = Date.now();
    const random = prng(42);
    const insertStartedAt = process.hrtime.bigint();
    for (let start = 0; start < BACKFILL_LEARNERS; start += INSERT_BATCH) {
      const docs = Array.from({ length: Math.min(INSERT_BATCH, BACKFILL_LEARNERS - start) }, (_, offset) => learnerDocument(start + offset, now, random));
      for (const doc of docs) {
        const facts: LearnerFacts = { traits: doc.traits, behaviour: doc.behaviour, memberships: new Set() };
        let writes = false;
        for (const { id, matches } of compiled) {
          if (!matches(facts, now)) continue;
          expected[id]! += 1;
          writes = true;
        }
        if (!writes && exampleSegments.some((segment) => nextChangeAt(segment.rule, facts, now) !== null)) writes = true;
        if (writes) expectedWrites += 1;
      }
      await store.models.learners.collection.insertMany(docs as never[], { ordered: false });
      if ((start / INSERT_BATCH) % 50 === 49) log(`(c) inserted ${(start + INSERT_BATCH).toLocaleString('en')}`);
    }
    const insertRate = BACKFILL_LEARNERS / seconds(insertStartedAt);

    const cursorRead = async () => {
      const startedAt = process.hrtime.bigint();
      let read = 0;
      for await (const doc of store.models.learners.find({}).lean().cursor()) if (doc) read += 1;
      if (read !== BACKFILL_LEARNERS) throw new Error(`the cursor read ${read} learners, expected ${BACKFILL_LEARNERS}`);
      return read / seconds(startedAt);
    };
    log('(c) plain cursor read');
    const cursorBefore = await cursorRead();

    let peakRss = process.memoryUsage().rss;
    const rssAtStart = peakRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const segments = await runtime.definitions.current();
    const ids = exampleSegments.map((segment) => segment.id);
    const backfill = async (label: string) => {
      let lastLog = Date.now();
      const startedAt = process.hrtime.bigint();
      const outcome = await runtime.bulk.evaluate(segments, ids, runtime.engine, (progress) => {
        if (Date.now() - lastLog > 15_000) {
          lastLog = Date.now();
          log(`(c) ${label}: ${progress.processed.toLocaleString('en')} learners, ${progress.entered} entered, ${round(progress.processed / seconds(startedAt))}/s`);
        }
      });
      const elapsed = seconds(startedAt);
      return { ...outcome, seconds: round(elapsed, 1), learnersPerSecond: round(outcome.processed / elapsed) };
    };
    log('(c) backfill of the three example segments');
    const first = await backfill('backfill');
    log('(c) the same backfill again (nothing to change)');
    const second = await backfill('re-evaluation');
    clearInterval(sampler);
    log('(c) plain cursor read again');
    const cursorAfter = await cursorRead();
    const cursorRate = (cursorBefore + cursorAfter) / 2;

    const members: Record<string, number> = {};
    for (const id of ids) members[id] = await store.models.learners.countDocuments({ segmentIds: id });
    const expectedTotal = Object.values(expected).reduce((sum, count) => sum + count, 0);
    return {
      learners: BACKFILL_LEARNERS,
      clock: temporal ? 'temporal' : `recording (no Temporal; ${recording!.wakes} wake-ups asked)`,
      insertManyLearnersPerSecond: round(insertRate),
      cursorReadLearnersPerSecond: round(cursorRate),
      cursorReadRuns: [round(cursorBefore), round(cursorAfter)],
      firstRun: { ...first, ratio: round(first.learnersPerSecond / cursorRate, 3) },
      secondRun: { ...second, ratio: round(second.learnersPerSecond / cursorRate, 3) },
      learnersWritten: expectedWrites,
      expectedMembers: expected,
      members,
      membersAsExpected: first.entered === expectedTotal && ids.every((id) => members[id] === expected[id]),
      goalRatio: 0.7,
      goalMet: first.learnersPerSecond / cursorRate >= 0.7,
      rssMb: { atStart: round(rssAtStart / 2 ** 20), peak: round(peakRss / 2 ** 20) },
    };
  } finally {
    runtime.stop();
    await dropAndClose(store);
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const startedAt = process.hrtime.bigint();
  const loadBefore = os.loadavg().map((load) => round(load, 2));
  // First, while nothing else runs: the services' start-up and webpack take CPU for a while.
  log(`(d) in-memory evaluations, ${EVALUATION_SECONDS} s per segment and evaluator`);
  const inMemory = measureInMemory();

  Runtime.install({ logger: new DefaultLogger('WARN') });
  const quiet = () => undefined;
  const bundling: Promise<WorkflowBundleWithSourceMap | undefined> = bundleWorkflowCode({ workflowsPath, logger: { log: quiet, trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet } }).catch((error: unknown) => {
    log(`the workflows did not bundle (${(error as Error).message.split('\n')[0]}); the clock part is skipped`);
    return undefined;
  });
  const [storeServer, temporal] = await Promise.all([benchStore(), benchTemporal()]);
  try {
    const probe = await openStore(storeServer.uri, 'bench_seg_probe');
    const buildInfo = await probe.connection.db!.admin().command({ buildInfo: 1 });
    await dropAndClose(probe);
    const bundle = temporal ? await bundling : undefined;

    const trackToEntered = await measureTrackToEntered(storeServer.uri, temporal);
    let timePassing: Awaited<ReturnType<typeof measureTimePassing>> | { skipped: string };
    if (temporal && bundle) {
      log(`(b) ${CLOCK_LEARNERS} learners whose membership changes with time alone, clock resolution ${CLOCK_RESOLUTION_MS / 1_000} s`);
      timePassing = await measureTimePassing(storeServer.uri, temporal, bundle);
    } else {
      timePassing = { skipped: temporal ? 'the workflows did not bundle' : 'no Temporal server' };
    }
    const backfill = await measureBackfill(storeServer.uri, temporal);

    const figures = {
      benchmark: 'segments',
      quick,
      store: 'ferretdbVersion' in buildInfo ? `FerretDB (speaking MongoDB ${String(buildInfo.version)})` : `MongoDB ${String(buildInfo.version)}`,
      temporal: temporal?.label ?? 'none',
      trackToEntered,
      timePassing,
      backfill,
      inMemory,
      totalSeconds: round(seconds(startedAt)),
      /** 1/5/15-minute load averages of the machine (2 cores) before and after: other work skews the figures. */
      loadAverage: { before: loadBefore, after: os.loadavg().map((load) => round(load, 2)) },
    };

    const ms = (value: number | null) => (value === null ? '–' : `${value} ms`);
    const a = trackToEntered;
    const latencies = (figures: { p50: number | null; p95: number | null; p99: number | null; max: number | null }) => `p50 ${ms(figures.p50)}, p95 ${ms(figures.p95)}, p99 ${ms(figures.p99)}, max ${ms(figures.max)}`;
    console.log(`(a) track → Segment Entered, ${a.withSegment.rate}/s for ${a.withSegment.seconds} s (served ${a.withSegment.servedPerSecond}/s): ${latencies(a.withSegment.enteredMs)}; missed ${a.withSegment.missed}, answered 503 ${a.withSegment.retried} times, failed ${a.withSegment.failed}; goal p99 < 1 s ${a.goalMet ? 'met' : 'NOT met'}`);
    console.log(`    baseline, no segment, response (served ${a.baseline.servedPerSecond}/s): ${latencies(a.baseline.responseMs)}; answered 503 ${a.baseline.retried} times, failed ${a.baseline.failed}; ratio p50 ${a.ratio.p50}, p99 ${a.ratio.p99}`);
    console.log(`    below capacity, ${a.belowCapacity.rate}/s for ${a.belowCapacity.seconds} s: Segment Entered ${latencies(a.belowCapacity.enteredMs)}; missed ${a.belowCapacity.missed}`);
    console.log(`    learners with a wake-up never asked of the clock: ${a.wakes.wakeLeftInOutbox} of ${a.wakes.withWakeAt} with one due`);
    if ('latenessSeconds' in timePassing) {
      const b = timePassing;
      console.log(`(b) time-passing lateness, ${b.learners} learners, ${b.resolutionMs / 1_000} s resolution: p50 ${b.latenessSeconds.p50} s, p95 ${b.latenessSeconds.p95} s, p99 ${b.latenessSeconds.p99} s, max ${b.latenessSeconds.max} s; missed ${b.missed} (wake-up never asked: ${b.wakes.wakeLeftInOutbox}), early ${b.early}; goal p99 ≤ 60 s ${b.goalMet ? 'met' : 'NOT met'}`);
    } else {
      console.log(`(b) skipped: ${timePassing.skipped}`);
    }
    const c = backfill;
    console.log(`(c) backfill of ${c.learners.toLocaleString('en')} learners (${c.clock} clock, ${c.learnersWritten} to write): ${c.firstRun.learnersPerSecond}/s (${c.firstRun.entered} entered) vs cursor read ${c.cursorReadLearnersPerSecond}/s → ratio ${c.firstRun.ratio}; goal ≥ 0.7 ${c.goalMet ? 'met' : 'NOT met'}`);
    console.log(`    second run (nothing changes): ${c.secondRun.learnersPerSecond}/s, ratio ${c.secondRun.ratio}; members as expected: ${c.membersAsExpected}`);
    console.log(`(e) RSS during the backfill: ${c.rssMb.atStart} MB at start, peak ${c.rssMb.peak} MB`);
    for (const [id, rates] of Object.entries(inMemory)) console.log(`(d) ${id}: interpreter ${rates.interpreterPerSecond.toLocaleString('en')}/s, compiled ${rates.compiledPerSecond.toLocaleString('en')}/s`);
    console.log(JSON.stringify(figures));
  } finally {
    await temporal?.stop();
    await storeServer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
