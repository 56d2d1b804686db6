import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config/env';
import { createWorker } from '../../worker/createWorker';
import { diagnosticWorkflow } from '../../workflows';

/**
 * `npm run record-histories` (with the stack's Temporal running): runs each recorded scenario once
 * and saves its event history beside this file, for test/temporal/replay.test.ts. Record a new
 * history whenever a workflow's behaviour is meant to change; keep the old ones while runs recorded
 * with them may still be open.
 */
const scenarios = [{ file: 'diagnosticWorkflow-wait.json', workflow: diagnosticWorkflow, args: [{ wait: '2 seconds' }] as const }];

async function main(): Promise<void> {
  const config = loadConfig();
  const connection = await Connection.connect({ address: config.temporal.address });
  const nativeConnection = await NativeConnection.connect({ address: config.temporal.address });
  const taskQueue = `record-${randomUUID()}`;
  const worker = await createWorker({
    connection: nativeConnection,
    namespace: config.temporal.namespace,
    taskQueue,
    dependencies: { pingStore: async () => undefined },
  });
  const client = new Client({ connection, namespace: config.temporal.namespace });
  await worker.runUntil(async () => {
    for (const scenario of scenarios) {
      const workflowId = `recorded-${path.basename(scenario.file, '.json')}-${randomUUID()}`;
      await client.workflow.execute(scenario.workflow, { taskQueue, workflowId, args: [...scenario.args] });
      const history = await client.workflow.getHandle(workflowId).fetchHistory();
      writeFileSync(path.join(__dirname, scenario.file), `${historyToJSON(history)}\n`);
      console.log(`Recorded ${scenario.file} (${history.events?.length ?? 0} events)`);
    }
  });
  await connection.close();
  await nativeConnection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
