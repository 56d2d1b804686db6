import { z } from 'zod';
import { type JourneyNode } from './graph';

export const journeyProblemCodes = [
  'no_entry',
  'several_entries',
  'duplicate_node_id',
  'duplicate_edge_id',
  'duplicate_goal_id',
  'dangling_edge',
  'unknown_handle',
  'entry_has_incoming',
  'missing_edge',
  'duplicate_edge',
  'unreachable_node',
  'cycle_without_wait',
  'message_without_template',
  'unknown_template',
  'split_weights',
  'unknown_segment',
  'unknown_event',
  'no_entry_segment',
  'missing_webhook_url',
  'unknown_topic',
] as const;
export type JourneyProblemCode = (typeof journeyProblemCodes)[number];

/** Something wrong with a drawn journey, shown on its node (on the whole journey when nodeId is null). */
export const journeyProblemSchema = z.object({
  nodeId: z.string().nullable(),
  edgeId: z.string().optional(),
  code: z.enum(journeyProblemCodes),
  message: z.string(),
});
export type JourneyProblem = z.infer<typeof journeyProblemSchema>;

/** How messages name a node: the marketer's label, or its id when it has none. */
export function nodeName(node: Pick<JourneyNode, 'id' | 'label'>): string {
  return `"${node.label?.trim() || node.id}"`;
}
