import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { StoreModels } from '../store/connection';
import type { SegmentDocument } from '../store/models/segment';
import { writeSerially } from '../store/serialWrites';
import { segmentEvaluationWorkflow } from '../workflows/segmentEvaluation';
import type { BulkEvaluation } from './bulk';
import type { SegmentDefinitions } from './definitions';
import type { MembershipEngine } from './membership';

export const evaluationWorkflowId = (segmentId: string, version: number) => `segment-evaluation-${segmentId}-v${version}`;

/** Starts the background evaluation of a segment version (once per version). */
export async function startSegmentEvaluation(client: Client, taskQueue: string, segmentId: string, version: number): Promise<void> {
  try {
    await client.workflow.start(segmentEvaluationWorkflow, { workflowId: evaluationWorkflowId(segmentId, version), taskQueue, args: [{ segmentId, version }] });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Records an evaluation's progress on the segment, unless a newer version has superseded it. */
export async function recordEvaluation(models: Pick<StoreModels, 'segments' | 'writeClaims'>, segmentId: string, version: number, fields: Record<string, unknown>): Promise<boolean> {
  const outcome = await writeSerially<SegmentDocument>({
    model: models.segments as never,
    claims: models.writeClaims,
    id: segmentId,
    decide: (doc) => (doc.version === version ? { set: Object.fromEntries(Object.entries(fields).map(([field, value]) => [`evaluation.${field}`, value])) } : undefined),
  });
  return outcome.written;
}

/** The activity's work: one pass over all learners for one segment version, its progress on the segment. */
export async function evaluateSegmentVersion(
  dependencies: { models: Pick<StoreModels, 'segments' | 'writeClaims' | 'learners'>; definitions: SegmentDefinitions; bulk: BulkEvaluation; engine: MembershipEngine },
  input: { segmentId: string; version: number },
  heartbeat: () => void,
): Promise<{ processed: number; entered: number; exited: number }> {
  const { models } = dependencies;
  const doc = await models.segments.findById(input.segmentId).lean<SegmentDocument>();
  if (!doc || doc.version !== input.version || doc.status !== 'active') return { processed: 0, entered: 0, exited: 0 };
  dependencies.definitions.forget();
  const segments = await dependencies.definitions.current();
  const total = await models.learners.countDocuments({ mergedInto: null });
  await recordEvaluation(models, input.segmentId, input.version, { state: 'running', total, processed: 0, entered: 0, exited: 0, startedAt: new Date(), finishedAt: null, error: null });
  try {
    const outcome = await dependencies.bulk.evaluate(segments, [input.segmentId], dependencies.engine, async (progress) => {
      heartbeat();
      await recordEvaluation(models, input.segmentId, input.version, progress);
    });
    await recordEvaluation(models, input.segmentId, input.version, { ...outcome, total: Math.max(total, outcome.processed), state: 'done', finishedAt: new Date() });
    return outcome;
  } catch (error) {
    await recordEvaluation(models, input.segmentId, input.version, { state: 'failed', error: (error as Error).message }).catch(() => undefined);
    throw error;
  }
}
