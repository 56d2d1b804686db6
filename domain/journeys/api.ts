import { z } from 'zod';
import { journeyGraphSchema } from './graph';
import { journeyProblemSchema } from './problems';

/** Journey ids are readable slugs (they are part of workflow ids). */
export const journeyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'lowercase letters, digits and dashes');

export const journeyStatuses = ['draft', 'active', 'paused', 'archived'] as const;

/** A journey draft as the designer saves it. */
export const journeyInputSchema = z.object({
  id: journeyIdSchema.optional().describe('on create: defaults to a slug of the name'),
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(1000).default(''),
  graph: journeyGraphSchema,
});
export type JourneyInput = z.infer<typeof journeyInputSchema>;

export const journeyViewSchema = z.object({
  id: journeyIdSchema,
  name: z.string(),
  description: z.string(),
  status: z.enum(journeyStatuses),
  graph: journeyGraphSchema,
  publishedVersion: z.number().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JourneyView = z.infer<typeof journeyViewSchema>;

export const validationResultSchema = z.object({ ok: z.boolean(), problems: z.array(journeyProblemSchema), warnings: z.array(journeyProblemSchema) });

/** One run of a journey, as Temporal's visibility records it (the journey it belongs to, as a learner's runs span journeys). */
export const journeyRunViewSchema = z.object({
  journeyId: z.string().nullable(),
  workflowId: z.string(),
  runId: z.string(),
  learnerId: z.string().nullable(),
  version: z.number().nullable(),
  currentNode: z.string().nullable(),
  courseId: z.string().nullable(),
  status: z.string(),
  startedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type JourneyRunView = z.infer<typeof journeyRunViewSchema>;

export const nodeCountsSchema = z.object({
  nodeId: z.string(),
  entered: z.number(),
  waitingNow: z.number(),
  /** Runs that left the node, by output (goal and exit endings included as `converted` / `exited`). */
  left: z.record(z.string(), z.number()),
  /** Message nodes: sends delivered, and how many of them were opened / clicked at least once. */
  messages: z.object({ sent: z.number(), opened: z.number(), clicked: z.number(), skipped: z.number() }).optional(),
});
export type NodeCounts = z.infer<typeof nodeCountsSchema>;
