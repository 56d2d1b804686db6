import { z } from 'zod';
import { conditionNodeType } from './nodes/condition';
import { delayNodeType } from './nodes/delay';
import { entryNodeType } from './nodes/entry';
import { exitNodeType } from './nodes/exit';
import { inactivityNodeType } from './nodes/inactivity';
import { nodeIdSchema, type NodeOutput } from './nodes/node';
import { sendMessageNodeType } from './nodes/sendMessage';
import { splitNodeType } from './nodes/split';
import { updateProfileNodeType } from './nodes/updateProfile';
import { waitForEventNodeType } from './nodes/waitForEvent';
import { goalSchema } from './goals';

export const journeyNodeSchema = z.discriminatedUnion('type', [
  entryNodeType.nodeSchema,
  delayNodeType.nodeSchema,
  waitForEventNodeType.nodeSchema,
  inactivityNodeType.nodeSchema,
  conditionNodeType.nodeSchema,
  splitNodeType.nodeSchema,
  sendMessageNodeType.nodeSchema,
  updateProfileNodeType.nodeSchema,
  exitNodeType.nodeSchema,
]);
export type JourneyNode = z.infer<typeof journeyNodeSchema>;
export type JourneyNodeType = JourneyNode['type'];

export type JourneyNodeOf<Type extends JourneyNodeType> = Extract<JourneyNode, { type: Type }>;

// Keyed by type, and checked to give each type the outputs of its own settings, so that nodeOutputs
// may hand any node's settings to its type's outputs.
const nodeTypesByName = {
  entry: entryNodeType,
  delay: delayNodeType,
  waitForEvent: waitForEventNodeType,
  inactivity: inactivityNodeType,
  condition: conditionNodeType,
  split: splitNodeType,
  sendMessage: sendMessageNodeType,
  updateProfile: updateProfileNodeType,
  exit: exitNodeType,
} satisfies { [Type in JourneyNodeType]: { type: Type; outputs: (settings: JourneyNodeOf<Type>['settings']) => NodeOutput[] } };

/** Every node type in palette order, with its settings schema, palette entry, outputs and whether it waits. */
export const journeyNodeTypes = Object.values(nodeTypesByName);

export function journeyNodeType(type: JourneyNodeType): (typeof journeyNodeTypes)[number] {
  return nodeTypesByName[type];
}

/** The node's ways out, in the order the designer shows its handles. */
export function nodeOutputs(node: JourneyNode): NodeOutput[] {
  const outputs = nodeTypesByName[node.type].outputs as (settings: JourneyNode['settings']) => NodeOutput[];
  return outputs(node.settings);
}

export const edgeSchema = z.object({
  id: z.string().min(1).max(200),
  source: nodeIdSchema,
  /** The id of the source node's output the edge leaves from. */
  sourceHandle: z.string().min(1),
  target: nodeIdSchema,
});
export type Edge = z.infer<typeof edgeSchema>;

/** Journey-wide ways out that apply wherever the learner is in the journey. */
export const exitWhenSchema = z.object({
  /** Only for journeys triggered by entering a segment: leaving it again ends the run. */
  leftEntrySegment: z.boolean().default(false),
  unsubscribed: z.boolean().default(true),
});
export type ExitWhen = z.infer<typeof exitWhenSchema>;

// A display name goes into the From header: line breaks there would let it add headers of its own.
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[^\r\n]*$/, 'must be one line');

/**
 * Who a journey's emails come from and where replies go. Each field is optional: what is missing comes
 * from the workspace defaults (MAIL_FROM, MAIL_REPLY_TO), so a journey can change just the name.
 */
export const journeyDeliverySchema = z.object({
  fromName: displayName.optional(),
  fromAddress: z.email().optional(),
  replyTo: z.email().optional(),
});
export type JourneyDelivery = z.infer<typeof journeyDeliverySchema>;

/** A journey as the designer draws and saves it; drafts may be incomplete, compileJourney says what is missing. */
export const journeyGraphSchema = z.object({
  nodes: z.array(journeyNodeSchema).max(200),
  edges: z.array(edgeSchema).max(1000),
  goals: z.array(goalSchema).max(20).default([]),
  exitWhen: exitWhenSchema.prefault({}),
  /** Absent on journeys saved before it existed, and whenever the workspace defaults will do. */
  delivery: journeyDeliverySchema.optional(),
});
export type JourneyGraph = z.infer<typeof journeyGraphSchema>;
