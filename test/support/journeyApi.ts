import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from './app';
import { dropAndClose, openTestStore } from './env';
import { startTestWorker } from './worker';

export interface JourneyApiUnderTest {
  tag: string;
  store: Store;
  app: FastifyInstance;
  built: Awaited<ReturnType<typeof buildTestApp>>;
  /** Authorization headers of an admin key. */
  admin: Record<string, string>;
  /** Workflow ids of runs the test started: terminated at the end, since they may wait for days. */
  started: string[];
}

/**
 * For a describe block: the API on a database of its own with an admin key, and a worker on a task
 * queue of its own (ready in beforeAll, after `prepare`), all closed in afterAll.
 */
export function journeyApiUnderTest(name: string, options: { prepare?: (store: Store, tag: string) => Promise<void> } = {}): JourneyApiUnderTest {
  const tag = randomUUID().slice(0, 8);
  const taskQueue = `${name}-${tag}`;
  const api = { tag, started: [] as string[] } as JourneyApiUnderTest;
  let worker: Awaited<ReturnType<typeof startTestWorker>> | undefined;

  beforeAll(async () => {
    api.store = await openTestStore(name.replace(/[^a-z]/g, ''));
    api.built = await buildTestApp(api.store, { taskQueue });
    api.app = api.built.app;
    api.admin = bearer((await new ApiKeys(api.store.models).create({ name: 'marketer', kind: 'admin' })).secret);
    await options.prepare?.(api.store, tag);
    worker = await startTestWorker(api.store, api.built.runtime, taskQueue);
  });
  afterAll(async () => {
    for (const workflowId of api.started) await api.built.runtime.client.workflow.getHandle(workflowId).terminate('test over').catch(() => undefined);
    await worker?.stop();
    await api.built?.close();
    if (api.store) await dropAndClose(api.store);
  });
  return api;
}
