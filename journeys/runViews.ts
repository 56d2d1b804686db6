import type { WorkflowExecutionInfo } from '@temporalio/client';
import type { JourneyRunView } from '../domain/journeys/api';

/** A journey run as the API shows it, read from Temporal's visibility record and its search attributes. */
export function journeyRunView(run: WorkflowExecutionInfo): JourneyRunView {
  const attributes = run.searchAttributes as Record<string, unknown[] | undefined>;
  return {
    journeyId: (attributes.JourneyId?.[0] as string | undefined) ?? null,
    workflowId: run.workflowId,
    runId: run.runId,
    learnerId: (attributes.LearnerId?.[0] as string | undefined) ?? null,
    version: (attributes.JourneyVersion?.[0] as number | undefined) ?? null,
    currentNode: (attributes.CurrentNode?.[0] as string | undefined) ?? null,
    courseId: (attributes.CourseId?.[0] as string | undefined) ?? null,
    status: run.status.name,
    startedAt: run.startTime.toISOString(),
    closedAt: run.closeTime?.toISOString() ?? null,
  };
}
