import { z } from 'zod';
import { segmentRuleSchema } from './rules';

/** Segment ids are readable slugs of their names (they appear in workflow ids and event properties). */
export const segmentIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'lowercase letters, digits and dashes')
  // `/api/segments/known-names` is a route of its own.
  .refine((id) => id !== 'known-names', 'known-names is reserved');

const nameSchema = z.string().trim().min(1).max(120);
const descriptionSchema = z.string().trim().max(1000).default('');

/** A dynamic segment as a marketer saves it. */
export const segmentInputSchema = z.object({ name: nameSchema, description: descriptionSchema, rule: segmentRuleSchema });
export type SegmentInput = z.infer<typeof segmentInputSchema>;

/** A static list: emails, user ids or learner ids. */
export const listMembersSchema = z.array(z.string().trim().min(1).max(320)).max(100_000);
export const staticSegmentInputSchema = z.object({ name: nameSchema, description: descriptionSchema, members: listMembersSchema });

export const evaluationViewSchema = z.object({
  state: z.enum(['pending', 'running', 'done', 'failed']),
  version: z.number(),
  processed: z.number(),
  total: z.number(),
  entered: z.number(),
  exited: z.number(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
});

export const segmentViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  kind: z.enum(['dynamic', 'static']),
  rule: segmentRuleSchema.nullable(),
  status: z.enum(['active', 'archived']),
  version: z.number(),
  /** Learners in the segment now. */
  size: z.number(),
  dependsOn: z.object({ events: z.array(z.string()), traits: z.array(z.string()), segments: z.array(z.string()), timeDependent: z.boolean() }),
  evaluation: evaluationViewSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SegmentView = z.infer<typeof segmentViewSchema>;

export const ruleWarningSchema = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });

export const estimateSchema = z.object({
  count: z.number(),
  /** False when the scan stopped at its time budget and `count` is extrapolated from the learners scanned. */
  exact: z.boolean(),
  scanned: z.number(),
  total: z.number(),
  matchesNobody: z.boolean(),
  sample: z.array(z.object({ learnerId: z.string(), email: z.string().nullable(), name: z.string().nullable() })),
});

/** One period a learner spent in a segment. */
export const membershipPeriodSchema = z.object({
  segmentId: z.string(),
  segmentName: z.string(),
  enteredAt: z.string(),
  exitedAt: z.string().nullable(),
});
