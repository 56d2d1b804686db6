import { randomUUID } from 'node:crypto';
import { NativeConnection } from '@temporalio/worker';
import type { SegmentRule } from '../../domain/segments';
import type { Store } from '../../store/connection';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { createWorker } from '../../worker/createWorker';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testSegmentRuntime, workerDependencies } from '../support/segments';
import { workflowBundle } from '../support/workflowBundle';
import { saveSegment } from './support';

const WINDOW = { amount: 3, unit: 'seconds' } as const;
const RESOLUTION_MS = 1_000;

/** "No login for 3 seconds since enrolment or the last login": at-risk students with a short window. */
const quietSinceEnrolling: SegmentRule = {
  version: 1,
  condition: {
    type: 'all',
    conditions: [
      { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } },
      { type: 'event', event: 'Logged In', count: { operator: 'exactly', value: 0 }, window: { kind: 'last', duration: WINDOW } },
      { type: 'event', event: 'Enrolled', count: { operator: 'exactly', value: 0 }, window: { kind: 'last', duration: WINDOW } },
    ],
  },
};
/** At least 2 page views in the last 3 seconds: left when the older one ages out. */
const browsing: SegmentRule = { version: 1, condition: { type: 'event', event: 'Course Page Viewed', count: { operator: 'atLeast', value: 2 }, window: { kind: 'last', duration: WINDOW } } };

describe('time passing, through the Temporal dev server, a worker and the store', () => {
  const config = testConfig();
  const taskQueue = `segments-${randomUUID()}`;
  let store: Store;
  let nativeConnection: NativeConnection;
  let api: ReturnType<typeof testSegmentRuntime>;
  let workerSide: ReturnType<typeof testSegmentRuntime>;

  const startWorker = async () => {
    const worker = await createWorker({ connection: nativeConnection, namespace: config.temporal.namespace, taskQueue, dependencies: workerDependencies(store, workerSide.runtime), workflowBundle: await workflowBundle(), dataConverter: dataConverterFrom(config) });
    const running = worker.run();
    return { worker, stop: async () => (worker.shutdown(), await running) };
  };
  const announced = async (learnerId: string) =>
    (await store.models.learnerEvents.find({ learnerId, name: { $in: ['Segment Entered', 'Segment Exited'] } }).sort({ timestamp: 1 }).lean()).map((event) => ({
      change: `${event.name === 'Segment Entered' ? '+' : '-'}${(event.properties as { segmentId: string }).segmentId}`,
      at: event.timestamp.getTime(),
    }));
  const waitFor = async <T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  beforeAll(async () => {
    store = await openTestStore('timepassing');
    nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    api = testSegmentRuntime(store, { taskQueue, clockResolutionMs: RESOLUTION_MS });
    workerSide = testSegmentRuntime(store, { taskQueue, clockResolutionMs: RESOLUTION_MS });
    await saveSegment(store.models, { id: 'quiet-since-enrolling', rule: quietSinceEnrolling });
    await saveSegment(store.models, { id: 'browsing', rule: browsing });
  });
  afterAll(async () => {
    await api?.close();
    await workerSide?.close();
    await nativeConnection?.close();
    await dropAndClose(store);
  });

  it('moves a learner in when the window closes with no new data, at most the clock resolution late', async () => {
    const { stop } = await startWorker();
    try {
      const enrolledAt = Date.now();
      const result = await api.ingestion.ingest([{ type: 'track', userId: `quiet-${randomUUID()}`, event: 'Enrolled', timestamp: new Date(enrolledAt).toISOString() }], { source: 'api' });
      const learnerId = result.learnerIds[0]!;
      expect(await announced(learnerId)).toEqual([]);
      const [entered] = await waitFor(async () => ((await announced(learnerId)).length > 0 ? announced(learnerId) : undefined), 15_000);
      expect(entered!.change).toBe('+quiet-since-enrolling');
      const lateness = entered!.at - (enrolledAt + 3_000);
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThanOrEqual(RESOLUTION_MS + 1_500);
    } finally {
      await stop();
    }
  });

  it('moves a learner out when the oldest counted event leaves the window', async () => {
    const { stop } = await startWorker();
    try {
      const userId = `browser-${randomUUID()}`;
      const viewedAt = Date.now();
      const views = [0, 1].map((index) => ({ type: 'track', userId, event: 'Course Page Viewed', timestamp: new Date(viewedAt + index).toISOString() }));
      const result = await api.ingestion.ingest(views, { source: 'api' });
      const learnerId = result.learnerIds[0]!;
      expect((await announced(learnerId)).map((entry) => entry.change)).toEqual(['+browsing']);
      const exited = await waitFor(async () => (await announced(learnerId)).find((entry) => entry.change === '-browsing'), 15_000);
      expect(exited.at - (viewedAt + 3_000)).toBeLessThanOrEqual(RESOLUTION_MS + 1_500);
    } finally {
      await stop();
    }
  });

  it('keeps the wake-up across a restart of the worker and of the engine that scheduled it', async () => {
    const enrolledAt = Date.now();
    const result = await api.ingestion.ingest([{ type: 'track', userId: `restart-${randomUUID()}`, event: 'Enrolled', timestamp: new Date(enrolledAt).toISOString() }], { source: 'api' });
    const learnerId = result.learnerIds[0]!;
    // Nothing runs while the moment passes: no worker, and the engine that scheduled the wake-up is gone.
    await api.close();
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    expect(await announced(learnerId)).toEqual([]);
    api = testSegmentRuntime(store, { taskQueue, clockResolutionMs: RESOLUTION_MS });
    const { stop } = await startWorker();
    try {
      const [entered] = await waitFor(async () => ((await announced(learnerId)).length > 0 ? announced(learnerId) : undefined), 15_000);
      expect(entered!.change).toBe('+quiet-since-enrolling');
    } finally {
      await stop();
    }
  });
});

