import { type Goal } from './goals';
import { type ExitWhen, type JourneyDelivery, type JourneyNode, type JourneyNodeType } from './graph';
import { type EntryTrigger, type Reentry } from './nodes/entry';

/** A step as the workflow interprets it: its settings, and the node each of its outputs leads to. */
export type ExecutableNode = {
  [Type in JourneyNodeType]: Omit<Extract<JourneyNode, { type: Type }>, 'id' | 'position' | 'label'> & {
    label: string;
    /** Output id → node id; every output of the node is here. */
    next: Record<string, string>;
  };
}[JourneyNodeType];

/**
 * A published journey version: plain JSON, never changed once published (runs keep the version they
 * started on). One workflow run per journey × learner (× key) interprets it from the entry node.
 */
export interface ExecutableJourney {
  entryNodeId: string;
  trigger: EntryTrigger;
  reentry: Reentry;
  nodes: Record<string, ExecutableNode>;
  goals: Goal[];
  exitWhen: ExitWhen;
  /** From and Reply-To of the journey's emails; absent on versions published before it existed (workspace defaults apply). */
  delivery?: JourneyDelivery;
  /** What the journey names, sorted: the catalogue must not lose them while the version runs. */
  dependsOn: { events: string[]; segments: string[]; templates: string[] };
}
