import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ApiKeys } from '../api/keys/apiKeys';
import { projectRoot } from '../config/paths';
import { Ingestion } from '../ingestion/pipeline';
import { findFreePort } from '../stack/services/ports';
import { Store } from '../store/connection';
import { benchStore, inParallel, quick, round, seconds } from './support';

/**
 * `npm run bench:ingest [-- --quick]`: events/s through the Segment batch endpoint (a real API
 * process, several concurrent clients, known learners) beside the store's raw insertMany rate for the
 * same documents with the same batch size and concurrency, measured in the same run. Two batch
 * shapes: "mixed" (every batch carries events of 100 different learners, as a server-side library
 * sends them) and "session" (a batch carries one learner's events, as a browser or app sends them).
 */
const CSV_ROWS = quick ? 20_000 : 1_000_000;
const LEARNERS = quick ? 500 : 2_000;
const EVENTS = quick ? 20_000 : 200_000;
const BATCH = 100;
const CLIENTS = 8;

const eventNames = ['Course Page Viewed', 'Lesson Completed', 'Logged In', 'Email Opened', 'Quiz Attempted'];

type Shape = 'mixed' | 'session';

function trackBatch(shape: Shape, batchIndex: number) {
  return Array.from({ length: BATCH }, (_, index) => {
    const n = batchIndex * BATCH + index;
    return {
      type: 'track' as const,
      userId: `bench-user-${shape === 'mixed' ? n % LEARNERS : batchIndex % LEARNERS}`,
      event: eventNames[n % eventNames.length]!,
      messageId: `bench-${shape}-${n}`,
      timestamp: new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString(),
      properties: { courseId: `course-${n % 7}`, lessonNumber: n % 12, path: `/courses/course-${n % 7}` },
    };
  });
}

async function startApi(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'api', 'main.ts')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill();
  throw new Error('the API did not start');
}

/** A HubSpot-style contacts export of `rows` new contacts, written as a stream. */
async function writeContactsCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string) => (out.write(line) ? Promise.resolve() : new Promise<void>((resolve) => out.once('drain', () => resolve())));
  await write('Record ID,First Name,Last Name,Email,Phone Number,Country/Region,City,Job Title,Company Name,Create Date\n');
  for (let row = 0; row < rows; row += 1) {
    await write(`${100000 + row},Ada${row},Okafor,contact${row}@example.com,+1 415 555 ${String(row % 10_000).padStart(4, '0')},United States,San Francisco,Product Designer,Acme ${row % 50},2026-01-${String(1 + (row % 28)).padStart(2, '0')}\n`);
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Peak resident memory of a running process (VmHWM), in MB; 0 once it is gone. */
function peakRssMb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * `npm run import` of CSV_ROWS new contacts as a child process (rows/s, peak RSS sampled from /proc),
 * beside the store's raw insertMany rate for as many learner-sized documents in the same run.
 */
async function measureCsvImport(uri: string, store: Store) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-csv-'));
  const file = path.join(dir, 'contacts.csv');
  try {
    await writeContactsCsv(file, CSV_ROWS);
    const database = `bench_csv_${randomUUID().slice(0, 8)}`;
    const startedAt = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'imports', 'cli.ts'), file, '--preset', 'hubspot'], {
      env: { ...process.env, MONGODB_URI: uri, STORE_DATABASE: database },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRssMb(child.pid!))), 200);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearInterval(sampler);
    const importSeconds = seconds(startedAt);
    if (code !== 0) throw new Error(`the import exited with ${code}: ${output}`);

    const imported = Store.open({ uri, database });
    await imported.waitUntilConnected(30_000);
    const learners = await imported.models.learners.countDocuments();
    await imported.connection.dropDatabase();
    await imported.close();
    if (learners !== CSV_ROWS) throw new Error(`expected ${CSV_ROWS} learners after the import, found ${learners}`);

    const raw = store.connection.db!.collection('bench_raw_learners');
    const rawStartedAt = process.hrtime.bigint();
    for (let start = 0; start < CSV_ROWS; start += 500) {
      await raw.insertMany(
        Array.from({ length: Math.min(500, CSV_ROWS - start) }, (_, index) => ({
          _id: `raw-${start + index}` as never,
          emails: [`contact${start + index}@example.com`],
          traits: { email: `contact${start + index}@example.com`, firstName: `Ada${start + index}`, lastName: 'Okafor', country: 'US', city: 'San Francisco', jobTitle: 'Product Designer', company: 'Acme' },
          createdAt: new Date(),
        })),
        { ordered: false },
      );
    }
    const rawRate = CSV_ROWS / seconds(rawStartedAt);
    const rate = CSV_ROWS / importSeconds;
    return { rows: CSV_ROWS, rowsPerSecond: round(rate), peakRssMb: round(peak), rawInsertManyLearnersPerSecond: round(rawRate), ratio: round(rate / rawRate, 3) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const storeServer = await benchStore();
  const database = `bench_ingest_${randomUUID().slice(0, 8)}`;
  const store = Store.open({ uri: storeServer.uri, database });
  await store.waitUntilConnected(30_000);
  const port = await findFreePort();
  const api = await startApi({ ...process.env, MONGODB_URI: storeServer.uri, STORE_DATABASE: database, API_PORT: String(port), TEMPORAL_ADDRESS: '127.0.0.1:9', LOG_LEVEL: 'warn', SEED_DEMO: 'false' }, port);
  try {
    const writeKey = (await new ApiKeys(store.models).create({ name: 'bench', kind: 'write' })).secret;
    // The learners exist already, as in steady traffic: the benchmark measures events, not sign-ups.
    const ingestion = new Ingestion(store.models);
    for (let start = 0; start < LEARNERS; start += 500) {
      await ingestion.ingest(
        Array.from({ length: Math.min(500, LEARNERS - start) }, (_, index) => ({ type: 'identify', userId: `bench-user-${start + index}`, traits: { email: `learner${start + index}@example.com` } })),
        { source: 'api' },
      );
    }
    const authorization = `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;
    const baselineCollection = store.connection.db!.collection('bench_raw_events');

    const measure = async (shape: Shape) => {
      const batches = Array.from({ length: EVENTS / BATCH }, (_, index) => trackBatch(shape, index));
      const rawInsert = async (label: string) => {
        const startedAt = process.hrtime.bigint();
        await inParallel(
          batches.map((batch) => () =>
            baselineCollection.insertMany(
              batch.map((message) => ({ _id: `${label}-${message.messageId}` as never, learnerId: message.userId, type: 'track', name: message.event, courseId: message.properties.courseId, properties: message.properties, timestamp: new Date(message.timestamp), receivedAt: new Date(), source: 'segment', status: 'applied' })),
              { ordered: false },
            ),
          ),
          CLIENTS,
        );
        return EVENTS / seconds(startedAt);
      };
      const rawBefore = await rawInsert(`${shape}-before`);
      const startedAt = process.hrtime.bigint();
      await inParallel(
        batches.map((batch) => async () => {
          const response = await fetch(`http://127.0.0.1:${port}/v1/batch`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ batch }) });
          if (!response.ok) throw new Error(`batch answered ${response.status}: ${await response.text()}`);
          const body = (await response.json()) as { accepted: number };
          if (body.accepted !== BATCH) throw new Error(`batch stored ${body.accepted} of ${BATCH}`);
        }),
        CLIENTS,
      );
      const pipelineRate = EVENTS / seconds(startedAt);
      const rawAfter = await rawInsert(`${shape}-after`);
      const rawRate = (rawBefore + rawAfter) / 2;
      return { batchEndpointEventsPerSecond: round(pipelineRate), rawInsertManyDocsPerSecond: round(rawRate), rawInsertManyRuns: [round(rawBefore), round(rawAfter)], ratio: round(pipelineRate / rawRate, 3) };
    };

    const mixed = await measure('mixed');
    const session = await measure('session');
    const csv = await measureCsvImport(storeServer.uri, store);
    const stored = await store.models.learnerEvents.countDocuments({ source: 'segment' });
    if (stored !== 2 * EVENTS) throw new Error(`expected ${2 * EVENTS} stored events, found ${stored}`);
    const buildInfo = await store.connection.db!.admin().command({ buildInfo: 1 });
    const figures = {
      benchmark: 'ingest',
      quick,
      store: 'ferretdbVersion' in buildInfo ? `FerretDB (speaking MongoDB ${String(buildInfo.version)})` : `MongoDB ${String(buildInfo.version)}`,
      eventsPerShape: EVENTS,
      learners: LEARNERS,
      batchSize: BATCH,
      clients: CLIENTS,
      mixed,
      session,
      goalRatio: 0.5,
      csv,
    };
    console.log(JSON.stringify(figures));
  } finally {
    api.kill('SIGTERM');
    await store.connection.dropDatabase();
    await store.close();
    await storeServer.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
