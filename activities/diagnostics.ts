import { Context } from '@temporalio/activity';

export interface DiagnosticDependencies {
  /** Resolves when the store answers; rejects otherwise. */
  pingStore(): Promise<void>;
}

export interface WorkerReport {
  taskQueue: string;
  activityAttempt: number;
  storeReachable: boolean;
  storeError?: string;
}

/** What an operator's diagnostic run learns about the worker that picked it up. */
export function createDiagnosticActivities(dependencies: DiagnosticDependencies) {
  return {
    async reportWorkerHealth(): Promise<WorkerReport> {
      const { info } = Context.current();
      try {
        await dependencies.pingStore();
        return { taskQueue: info.taskQueue, activityAttempt: info.attempt, storeReachable: true };
      } catch (error) {
        return { taskQueue: info.taskQueue, activityAttempt: info.attempt, storeReachable: false, storeError: (error as Error).message };
      }
    },
  };
}

export type DiagnosticActivities = ReturnType<typeof createDiagnosticActivities>;
