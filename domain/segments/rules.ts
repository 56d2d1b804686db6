import { z } from 'zod';
import { aggregateConditionSchema } from './conditions/aggregate';
import { engagementConditionSchema } from './conditions/engagement';
import { eventConditionSchema } from './conditions/event';
import { eventTimeConditionSchema } from './conditions/eventTime';
import { segmentConditionSchema } from './conditions/segment';
import { sequenceConditionSchema } from './conditions/sequence';
import { traitConditionSchema } from './conditions/trait';

/** Stored rules carry their version so that the language can change without misreading old ones. */
export const SEGMENT_RULE_VERSION = 1;

// The groups are where the language recurses, so they live beside the union they refer back to.
export const allConditionSchema = z.object({
  type: z.literal('all'),
  get conditions(): z.ZodArray<typeof conditionSchema> {
    return z.array(conditionSchema).min(1);
  },
});
export const anyConditionSchema = z.object({
  type: z.literal('any'),
  get conditions(): z.ZodArray<typeof conditionSchema> {
    return z.array(conditionSchema).min(1);
  },
});
export const notConditionSchema = z.object({
  type: z.literal('not'),
  get condition(): typeof conditionSchema {
    return conditionSchema;
  },
});

export const conditionSchema = z.discriminatedUnion('type', [
  allConditionSchema,
  anyConditionSchema,
  notConditionSchema,
  traitConditionSchema,
  eventConditionSchema,
  eventTimeConditionSchema,
  aggregateConditionSchema,
  sequenceConditionSchema,
  engagementConditionSchema,
  segmentConditionSchema,
]);
export type Condition = z.infer<typeof conditionSchema>;
export type AllCondition = z.infer<typeof allConditionSchema>;
export type AnyCondition = z.infer<typeof anyConditionSchema>;
export type NotCondition = z.infer<typeof notConditionSchema>;
export type ConditionType = Condition['type'];

export const segmentRuleSchema = z.object({
  version: z.literal(SEGMENT_RULE_VERSION),
  condition: conditionSchema,
});
export type SegmentRule = z.infer<typeof segmentRuleSchema>;
