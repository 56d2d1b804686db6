import { z } from 'zod';
import { segmentIdSchema } from '../segments/definition';
import { propertyFilterSchema } from '../segments/propertyFilter';
import { partIdSchema } from './nodes/node';

/** What the journey is for: whenever one happens, wherever the learner is, the run ends as converted. */
export const goalSchema = z.discriminatedUnion('kind', [
  z.object({ id: partIdSchema, kind: z.literal('event'), event: z.string().min(1), where: z.array(propertyFilterSchema).optional() }),
  z.object({ id: partIdSchema, kind: z.literal('segmentEntered'), segmentId: segmentIdSchema }),
]);
export type Goal = z.infer<typeof goalSchema>;
