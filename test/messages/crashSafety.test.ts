import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JourneyService } from '../../api/journeys/journeyService';
import { journeyGraphSchema, type JourneyNode } from '../../domain/journeys';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import type { Store } from '../../store/connection';
import type { JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { mailsTagged, publishGraph, saveTemplates, type CaughtMail } from '../journeys/support';
import { dropAndClose, openTestStore } from '../support/env';
import { root } from '../support/freshServices';
import { testRuntime } from '../support/segments';
import { workflowBundle } from '../support/workflowBundle';

/**
 * Issue 6, "Tests and figures": while 200 journey sends are in flight, the worker is killed with
 * SIGKILL at random moments several times and restarted; afterwards the SMTP catcher holds exactly
 * one mail per expected send. Real Temporal dev server, real store, real catcher. The worker is an OS
 * process of its own (test/support/workerProcess.ts); this process plays the API: it starts the runs
 * and hosts the delivery service (testRuntime has `deliver: true`), as in production.
 */
const RUNS = 200;
const tag = randomUUID().slice(0, 8);
const taskQueue = `crash-${tag}`;
const templateId = `crash-${tag}`;
// Seeded so a failing schedule can be replayed: CRASH_SEED=<the logged seed> npx jest test/messages/crashSafety.test.ts
const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** mulberry32: a small deterministic generator, enough to vary the kill moments by seed. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => process.stdout.write(`[crash test] ${line}\n`);
const at = { x: 0, y: 0 };

/** manual entry → update profile → send (transactional: no cap, consent or quiet hours can hold it) → exit */
const nodes: JourneyNode[] = [
  { id: 'start', type: 'entry', position: at, settings: { trigger: { kind: 'manual' }, reentry: { mode: 'afterFinish' } } },
  { id: 'mark', type: 'updateProfile', position: at, settings: { set: { crashTest: tag }, unset: [], addTags: [], removeTags: [] } },
  { id: 'mail', type: 'sendMessage', position: at, settings: { templateId, channel: 'email', kind: 'transactional', topic: 'promotions', whenHeldBack: 'defer' } },
  { id: 'done', type: 'exit', position: at, settings: {} },
];
const graph = journeyGraphSchema.parse({
  nodes,
  edges: [
    { id: 'e1', source: 'start', sourceHandle: 'next', target: 'mark' },
    { id: 'e2', source: 'mark', sourceHandle: 'next', target: 'mail' },
    { id: 'e3', source: 'mail', sourceHandle: 'next', target: 'done' },
  ],
});

interface WorkerChild {
  child: ChildProcess;
  exited: Promise<void>;
  /** The last few KB the process wrote to stderr, for the failure message. */
  stderr(): string;
}

/** Starts the worker process and resolves once it polls (its READY line). */
function startWorker(database: string, bundlePath: string): Promise<WorkerChild> {
  // node --import tsx, not the tsx CLI: the CLI runs the script in a grandchild a SIGKILL would miss.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'test/support/workerProcess.ts'), taskQueue, bundlePath], {
    cwd: root,
    env: { ...process.env, STORE_DATABASE: database },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = chunk
      .toString()
      .split('\n')
      .filter((line) => line && !line.includes('DeprecationWarning') && !line.includes('[MONGOOSE]'));
    if (lines.length > 0) stderr = `${stderr}${lines.join('\n')}\n`.slice(-4_000);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker process did not become ready in 60 s:\n${stderr}`)), 60_000);
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('READY\n')) {
        clearTimeout(timer);
        resolve({ child, exited, stderr: () => stderr });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the worker process exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
}

describe('a worker killed while sends are in flight', () => {
  let store: Store;
  let runtime: ProcessRuntime;
  let bundleDir: string;
  let worker: WorkerChild | undefined;

  beforeAll(async () => {
    store = await openTestStore('crash');
    runtime = testRuntime(store, { taskQueue });
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'crash-bundle-'));
  }, 120_000);
  afterAll(async () => {
    if (worker && worker.child.exitCode === null && worker.child.signalCode === null) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await runtime?.close();
    if (store) await dropAndClose(store);
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  it(
    'the catcher holds exactly one mail per run, and the ledger says sent for each',
    async () => {
      const next = random(seed);
      const kills = 3 + (next() < 0.5 ? 1 : 0);
      log(`seed ${seed}, ${kills} kills, tag ${tag}`);

      const bundlePath = path.join(bundleDir, 'workflows.js');
      writeFileSync(bundlePath, (await workflowBundle()).code);
      const { models } = runtime.journeys;
      await saveTemplates(models, [templateId], tag);
      const service = new JourneyService(runtime.journeys);
      const journeyId = await publishGraph(service, `Crash test ${tag}`, graph);

      const identified = await runtime.ingestion.ingest(
        Array.from({ length: RUNS }, (_, index) => ({ type: 'identify', userId: `crash-${tag}-${index}`, traits: { email: `crash-${tag}-${index}@example.com`, firstName: `L${index}` } })),
        { source: 'api' },
      );
      const learnerIds = Array.from({ length: RUNS }, (_, index) => identified.learnerIds[index]!);
      expect(new Set(learnerIds).size).toBe(RUNS);

      const database = store.connection.db!.databaseName;
      worker = await startWorker(database, bundlePath);

      // Entries go in the way an operator's "enter" does, 8 at a time, while the kills below happen.
      const workflowIds: string[] = [];
      let entering = 0;
      const entered = Promise.all(
        Array.from({ length: 8 }, async () => {
          while (entering < RUNS) {
            const learnerId = learnerIds[entering++]!;
            const { workflowId } = await service.enter(journeyId, learnerId);
            workflowIds.push(workflowId!);
          }
        }),
      );

      const ledger = async () => {
        const counts = await models.messageSends.aggregate<{ _id: string; count: number }>([{ $match: { journeyId } }, { $group: { _id: '$status', count: { $sum: 1 } } }]);
        return Object.fromEntries(counts.map(({ _id, count }) => [_id, count])) as Record<string, number>;
      };

      // The first kill waits until sends have begun, so every kill falls inside the window of sends.
      for (let waited = 0; Object.keys(await ledger()).length === 0; waited += 50) {
        if (waited > 60_000) throw new Error('no send began within a minute of the entries');
        await sleep(50);
      }
      const moments: { afterMs: number; ledger: Record<string, number>; unsettled: number }[] = [];
      const progress = (counts: Record<string, number>) => Object.values(counts).reduce((sum, count) => sum + count, 0) + (counts.sent ?? 0);
      let lastSeen = -1;
      for (let kill = 0; kill < kills; kill += 1) {
        // A restarted worker first has to pick the runs up again: each kill waits until it is sending
        // (the ledger moved since the previous kill), then a random moment later.
        for (const deadline = Date.now() + 60_000; progress(await ledger()) === lastSeen && Date.now() < deadline; ) await sleep(50);
        const delay = 300 + Math.floor(next() * 1_700);
        await sleep(delay);
        // Read just before the kill: what the dying worker was preparing ('sending') or waiting on ('queued').
        const before = await ledger();
        worker.child.kill('SIGKILL');
        await worker.exited;
        const unsettled = (before.sending ?? 0) + (before.queued ?? 0);
        lastSeen = progress(before);
        moments.push({ afterMs: delay, ledger: before, unsettled });
        log(`kill ${kill + 1} after ${delay} ms: ledger ${JSON.stringify(before)} (${unsettled} unsettled)`);
        worker = await startWorker(database, bundlePath);
      }
      await entered;
      expect(workflowIds).toHaveLength(RUNS);

      // Activities that died with a worker are retried after their 1-minute start-to-close timeout.
      const results = await Promise.race([
        Promise.all(workflowIds.map((workflowId) => runtime.client.workflow.getHandle(workflowId).result() as Promise<JourneyRunResult>)),
        sleep(300_000).then(async () => {
          const running = await runtime.client.workflow.count(`JourneyId = '${journeyId}' AND ExecutionStatus = 'Running'`);
          throw new Error(`the runs did not all complete within 5 minutes: ${running.count} running, ledger ${JSON.stringify(await ledger())}, worker alive: ${worker!.child.exitCode === null}\n${worker!.stderr()}`);
        }),
      ]);
      expect(results.filter((result) => result.outcome !== 'completed')).toEqual([]);

      // The delivery service is drained: nothing is left to prepare or deliver.
      const settled = await ledger();
      log(`ledger after the runs: ${JSON.stringify(settled)}`);
      expect(settled).toEqual({ sent: RUNS });

      // A duplicate would arrive later than the original: wait until the catcher's count stops changing.
      let mails: CaughtMail[] = await mailsTagged(tag);
      for (let stableSince = Date.now(), deadline = Date.now() + 60_000; Date.now() - stableSince < 3_000 && Date.now() < deadline; ) {
        await sleep(500);
        const now = await mailsTagged(tag);
        if (now.length !== mails.length) stableSince = Date.now();
        mails = now;
      }
      const recipients = mails.map((mail) => mail.to[0]!.address);
      const repeated = recipients.filter((address, index) => recipients.indexOf(address) !== index);
      log(`${mails.length} mails caught; repeated recipients: ${JSON.stringify(repeated)}`);
      expect(repeated).toEqual([]);
      expect(mails).toHaveLength(RUNS);
      expect(new Set(recipients)).toEqual(new Set(learnerIds.map((_, index) => `crash-${tag}-${index}@example.com`)));
      expect(new Set(mails.map((mail) => mail.headers['message-id'])).size).toBe(RUNS);

      // The kills really fell inside the window: some send was still being prepared or delivered.
      const inWindow = moments.filter((moment) => moment.unsettled > 0).length;
      log(`${inWindow} of ${moments.length} kills happened while sends were unsettled`);
      expect(moments).toHaveLength(kills);
      expect(inWindow).toBeGreaterThanOrEqual(1);
    },
    9 * 60_000,
  );
});
