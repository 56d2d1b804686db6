import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config/env';
import { createProcessRuntime } from '../../runtime/processRuntime';
import { clockWorkflowId } from '../../segments/clock';
import { Store } from '../../store/connection';
import { createWorker } from '../../worker/createWorker';
import { diagnosticWorkflow, segmentClockWorkflow, segmentEvaluationWorkflow } from '../../workflows';
import { learnersDueSignal } from '../../workflows/segmentClock';

/**
 * `npm run record-histories` (with the stack's Temporal and store running): runs each recorded
 * scenario once and saves its event history beside this file, for test/temporal/replay.test.ts.
 * Record a new history whenever a workflow's behaviour is meant to change; keep the old ones while
 * runs recorded with them may still be open. The scenarios use a scratch database.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const store = Store.open({ uri: config.store.uri, database: `record_${randomUUID().slice(0, 8)}` });
  await store.waitUntilConnected(30_000);
  const connection = await Connection.connect({ address: config.temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  const taskQueue = `record-${randomUUID()}`;
  const runtime = createProcessRuntime({ models: store.models, config, log: { warn: () => undefined }, taskQueue });
  const learner = await runtime.ingestion.ingest([{ type: 'track', userId: 'recorded', event: 'Enrolled' }], { source: 'api' });
  const worker = await createWorker({ connection: nativeConnection, namespace: config.temporal.namespace, taskQueue, dependencies: { pingStore: () => store.ping(), segments: runtime.segments, journeys: runtime.journeys } });

  const wakeAt = Date.now() + 2_000;
  const scenarios = [
    { file: 'diagnosticWorkflow-wait.json', workflowId: `recorded-diagnostic-${randomUUID()}`, run: (workflowId: string) => client.workflow.execute(diagnosticWorkflow, { taskQueue, workflowId, args: [{ wait: '2 seconds' }] }) },
    {
      file: 'segmentClockWorkflow-wake.json',
      workflowId: `recorded-${clockWorkflowId(wakeAt, 0)}`,
      run: async (workflowId: string) => {
        await client.workflow.signalWithStart(segmentClockWorkflow, { taskQueue, workflowId, args: [{ wakeAt }], signal: learnersDueSignal, signalArgs: [[learner.learnerIds[0]!]] });
        return client.workflow.getHandle(workflowId).result();
      },
    },
    {
      file: 'segmentEvaluationWorkflow-missing.json',
      workflowId: `recorded-segment-evaluation-${randomUUID()}`,
      run: (workflowId: string) => client.workflow.execute(segmentEvaluationWorkflow, { taskQueue, workflowId, args: [{ segmentId: 'no-such-segment', version: 1 }] }),
    },
  ];
  await worker.runUntil(async () => {
    for (const scenario of scenarios) {
      await scenario.run(scenario.workflowId);
      const history = await client.workflow.getHandle(scenario.workflowId).fetchHistory();
      writeFileSync(path.join(__dirname, scenario.file), `${historyToJSON(history)}\n`);
      console.log(`Recorded ${scenario.file} (${history.events?.length ?? 0} events)`);
    }
  });
  await runtime.close();
  await connection.close();
  await nativeConnection.close();
  await store.connection.dropDatabase();
  await store.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
