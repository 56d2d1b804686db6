import type { Duration } from '@temporalio/common';
import { proxyActivities, sleep, workflowInfo } from '@temporalio/workflow';
import type { DiagnosticActivities, WorkerReport } from '../activities/diagnostics';

const { reportWorkerHealth } = proxyActivities<DiagnosticActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3 },
});

export interface DiagnosticInput {
  /** Optional durable timer before reporting, e.g. "7 days": proves timers survive restarts. */
  wait?: Duration;
}

export interface DiagnosticResult {
  workflowId: string;
  waited: Duration | null;
  worker: WorkerReport;
}

/**
 * An operator's end-to-end check: start it from the Temporal UI or CLI on the journeys task queue and
 * it proves that a worker polls the queue, that timers fire and that activities reach the store.
 */
export async function diagnosticWorkflow(input: DiagnosticInput = {}): Promise<DiagnosticResult> {
  if (input.wait !== undefined) await sleep(input.wait);
  const worker = await reportWorkerHealth();
  return { workflowId: workflowInfo().workflowId, waited: input.wait ?? null, worker };
}
