import { createDiagnosticActivities, type DiagnosticDependencies } from './diagnostics';

export type ActivityDependencies = DiagnosticDependencies;

/** Every activity the worker registers, bound to the process's shared dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createDiagnosticActivities(dependencies),
  };
}

export type Activities = ReturnType<typeof createActivities>;
