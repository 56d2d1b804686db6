import { Context } from '@temporalio/activity';
import type { StoreModels } from '../store/connection';
import type { BulkEvaluation } from '../segments/bulk';
import type { SegmentDefinitions } from '../segments/definitions';
import { evaluateSegmentVersion } from '../segments/evaluations';
import type { MembershipEngine } from '../segments/membership';

export interface SegmentDependencies {
  segments: {
    models: Pick<StoreModels, 'segments' | 'writeClaims' | 'learners'>;
    definitions: SegmentDefinitions;
    bulk: BulkEvaluation;
    engine: MembershipEngine;
  };
}

/** Segment work the workflows hand to workers: waking learners whose time has come, evaluating a new definition. */
export function createSegmentActivities(dependencies: SegmentDependencies) {
  return {
    async reevaluateDueLearners(input: { learnerIds: string[]; wakeAt: number }): Promise<void> {
      for (const learnerId of input.learnerIds) {
        await dependencies.segments.engine.reevaluate(learnerId, { kind: 'time' }, { wokenAt: input.wakeAt });
        Context.current().heartbeat();
      }
    },

    async evaluateSegmentForAllLearners(input: { segmentId: string; version: number }): Promise<{ processed: number; entered: number; exited: number }> {
      return evaluateSegmentVersion(dependencies.segments, input, () => Context.current().heartbeat());
    },
  };
}

export type SegmentActivities = ReturnType<typeof createSegmentActivities>;
