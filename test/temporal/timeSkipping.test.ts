import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Store } from '../../store/connection';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { createWorker } from '../../worker/createWorker';
import { diagnosticWorkflow } from '../../workflows';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testSegmentRuntime, workerDependencies } from '../support/segments';
import { workflowBundle } from '../support/workflowBundle';
import { startTimeSkippingServer } from '../support/timeSkipping';

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

describe('long timers on the time-skipping test server', () => {
  let environment: TestWorkflowEnvironment;
  let store: Store;
  let segments: ReturnType<typeof testSegmentRuntime>;

  beforeAll(async () => {
    environment = await startTimeSkippingServer({ onLine: (line) => process.stdout.write(`[test server] ${line}\n`), searchAttributes: false });
    store = await openTestStore('timeskip');
    segments = testSegmentRuntime(store);
  }, 180_000);
  afterAll(async () => {
    await environment?.teardown();
    await segments?.close();
    if (store) await dropAndClose(store);
  });

  it('finishes a 7-day wait in seconds of real time', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await createWorker({
      connection: environment.nativeConnection,
      namespace: environment.namespace ?? 'default',
      taskQueue,
      dependencies: workerDependencies(store, segments.runtime),
      workflowBundle: await workflowBundle(),
      dataConverter: dataConverterFrom(testConfig()),
    });
    const serverTimeBefore = await environment.currentTimeMs();
    const realStart = Date.now();

    const result = await worker.runUntil(
      environment.client.workflow.execute(diagnosticWorkflow, { taskQueue, workflowId: `diagnostic-${randomUUID()}`, args: [{ wait: '7 days' }] }),
    );

    expect(result.waited).toBe('7 days');
    expect(result.worker.storeReachable).toBe(true);
    expect((await environment.currentTimeMs()) - serverTimeBefore).toBeGreaterThanOrEqual(SEVEN_DAYS_MS);
    expect(Date.now() - realStart).toBeLessThan(30_000);
  });
});
