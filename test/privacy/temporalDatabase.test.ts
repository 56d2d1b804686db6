import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { dataConverterFrom } from '../../runtime/dataConverter';
import type { ProcessRuntime } from '../../runtime/processRuntime';
import { findFreePort } from '../../stack/services/ports';
import { startTemporalDevServer } from '../../stack/services/temporalDevServer';
import { locateTemporalCli } from '../../stack/tools/temporalCli';
import type { Store } from '../../store/connection';
import { createWorker } from '../../worker/createWorker';
import type { JourneyRunResult } from '../../workflows/journey/journeyWorkflow';
import { mailsTagged, publishExamples, waitUntil } from '../journeys/support';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testRuntime, workerDependencies } from '../support/segments';
import { workflowBundle } from '../support/workflowBundle';

/**
 * What Temporal stores, read the way an attacker with the disk would: a dev server of this test's own
 * (SQLite file in a temporary folder) runs a learner through the upsell journey — segment clock,
 * router signals, the send activity with its inputs and results, the goal — and is stopped; then the
 * whole database file is searched byte by byte. The learner's email and name must not be in it. As
 * controls, things Temporal keeps in clear (workflow ids, search attributes, and a payload written by
 * a client without the codec) are found, which proves the search reads the data.
 */
describe("Temporal's database holds no learner email", () => {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `privacy-db-${tag}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'privacy-temporal-'));
  let server: Awaited<ReturnType<typeof startTemporalDevServer>> | undefined;
  let store: Store;
  let runtime: ProcessRuntime | undefined;
  let native: NativeConnection | undefined;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    const config = testConfig();
    const location = await locateTemporalCli({ toolsDir: config.toolsDir, temporalBin: config.env.TEMPORAL_BIN, onLine: () => undefined });
    server = await startTemporalDevServer({ location, port: await findFreePort(), uiPort: await findFreePort(), namespace: 'default', dataDir, onLine: () => undefined });
    store = await openTestStore('privacy_db');
    runtime = testRuntime(store, { temporalAddress: server.address, taskQueue });
    await publishExamples(runtime, tag);
    native = await NativeConnection.connect({ address: server.address });
    worker = await createWorker({ connection: native, namespace: 'default', taskQueue, dependencies: workerDependencies(store, runtime), workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(config) });
    running = worker.run();
  }, 180_000);
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await native?.close();
    await runtime?.close();
    await server?.stop();
    if (store) await dropAndClose(store);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after a whole journey with a mail, the file has ids and search attributes but neither the email nor the name', async () => {
    const name = `Quillonette${tag}`;
    const userId = `privacy-${tag}`;
    const email = `quill.${tag}@privacy-test.example`;
    const { ingestion } = runtime!;
    const identified = await ingestion.ingest([{ type: 'identify', userId, traits: { firstName: name, lastName: `Vantablack${tag}`, email } }], { source: 'api' });
    const learnerId = identified.learnerIds[0]!;
    await ingestion.ingest(
      ['Course Page Viewed', 'Course Page Viewed', 'Course Page Viewed', 'Email Opened', 'Email Opened'].map((event) => ({ type: 'track' as const, userId, event, properties: { path: '/courses/ux' } })),
      { source: 'api' },
    );
    const mail = await waitUntil(async () => (await mailsTagged(tag)).find((caught) => caught.to[0]?.address === email), 150_000);
    expect(mail.subject).toContain(name);

    const workflowId = `journey-upsell-${learnerId}`;
    const handle = runtime!.client.workflow.getHandle(workflowId);
    await waitUntil(async () => (await handle.describe()).searchAttributes.CurrentNode?.[0] === 'wait-for-order', 30_000);
    // The goal reaches the run as a signal carrying the event's properties; the run ends converted.
    await ingestion.ingest([{ type: 'track', userId, event: 'Order Completed', properties: { revenue: 99, email } }], { source: 'api' });
    expect(((await handle.result()) as JourneyRunResult).outcome).toBe('converted');

    // The control payload: written by a client without the codec, so stored as plain JSON.
    const plainMarker = `plain-marker-${tag}`;
    const connection = await Connection.connect({ address: server!.address });
    try {
      const unencrypted = new Client({ connection });
      const control = await unencrypted.workflow.start('workflowNobodyRuns', { taskQueue: `nobody-${tag}`, workflowId: `control-${tag}`, args: [{ marker: plainMarker }] });
      await control.terminate('control done');
    } finally {
      await connection.close();
    }

    worker!.shutdown();
    await running;
    worker = undefined;
    // Stopping the server closes the database, so everything is in the files (the WAL too, if any).
    await server!.stop();
    server = undefined;
    const files = readdirSync(dataDir).filter((file) => file.startsWith('temporal.sqlite'));
    expect(files).toContain('temporal.sqlite');
    const bytes = Buffer.concat(files.map((file) => readFileSync(path.join(dataDir, file))));
    expect(bytes.length).toBeGreaterThan(100_000);

    expect(bytes.includes(workflowId)).toBe(true);
    expect(bytes.includes(plainMarker)).toBe(true);
    // Payloads are there, in their encrypted form (the encoding metadata stays readable).
    expect(bytes.includes('binary/encrypted')).toBe(true);
    expect(bytes.includes(email)).toBe(false);
    expect(bytes.includes(Buffer.from(email, 'utf16le'))).toBe(false);
    expect(bytes.includes(name)).toBe(false);
    expect(bytes.includes(`Vantablack${tag}`)).toBe(false);
    // Generous: on two busy cores an SMTP send has been seen to time out once and succeed on retry.
  }, 300_000);
});
