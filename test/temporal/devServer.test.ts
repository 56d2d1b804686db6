import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { NativeConnection } from '@temporalio/worker';
import { journeySearchAttributes } from '../../domain/searchAttributes';
import type { Store } from '../../store/connection';
import { dataConverterFrom } from '../../runtime/dataConverter';
import { createWorker } from '../../worker/createWorker';
import { diagnosticWorkflow } from '../../workflows';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testSegmentRuntime, workerDependencies } from '../support/segments';
import { workflowBundle } from '../support/workflowBundle';

const { EventType } = temporal.api.enums.v1;

describe('workflows on the real Temporal dev server', () => {
  const config = testConfig();
  let connection: Connection;
  let nativeConnection: NativeConnection;
  let store: Store;
  let segments: ReturnType<typeof testSegmentRuntime>;

  beforeAll(async () => {
    connection = await Connection.connect({ address: config.temporal.address });
    nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
    store = await openTestStore('devserver');
    segments = testSegmentRuntime(store);
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
    await segments?.close();
    await dropAndClose(store);
  });

  it('registers the journey search attributes at start', async () => {
    const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: config.temporal.namespace });
    for (const attribute of journeySearchAttributes) {
      expect(customAttributes?.[attribute.name]).toBeDefined();
    }
  });

  it('runs the diagnostic workflow through a worker: a durable timer, then an activity that reaches the store', async () => {
    const taskQueue = `test-${randomUUID()}`;
    const worker = await createWorker({
      connection: nativeConnection,
      namespace: config.temporal.namespace,
      taskQueue,
      dependencies: workerDependencies(store, segments.runtime),
      workflowBundle: await workflowBundle(),
      dataConverter: dataConverterFrom(config),
    });
    const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverterFrom(config) });
    const workflowId = `diagnostic-${randomUUID()}`;

    const result = await worker.runUntil(
      client.workflow.execute(diagnosticWorkflow, { taskQueue, workflowId, args: [{ wait: '1 second' }] }),
    );

    expect(result).toEqual({
      workflowId,
      waited: '1 second',
      worker: { taskQueue, activityAttempt: 1, storeReachable: true },
    });
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const eventTypes = (history.events ?? []).map((event) => event.eventType);
    expect(eventTypes).toContain(EventType.EVENT_TYPE_TIMER_FIRED);
    expect(eventTypes).toContain(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  });
});
