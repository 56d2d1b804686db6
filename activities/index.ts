import { createDiagnosticActivities, type DiagnosticDependencies } from './diagnostics';
import { createJourneyActivities, type JourneyDependencies } from './journeys';
import { createSegmentActivities, type SegmentDependencies } from './segments';

export type ActivityDependencies = DiagnosticDependencies & SegmentDependencies & JourneyDependencies;

/** Every activity the worker registers, bound to the process's shared dependencies. */
export function createActivities(dependencies: ActivityDependencies) {
  return {
    ...createDiagnosticActivities(dependencies),
    ...createSegmentActivities(dependencies),
    ...createJourneyActivities(dependencies),
  };
}

export type Activities = ReturnType<typeof createActivities>;
