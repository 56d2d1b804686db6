import { z } from 'zod';

export const dependencyNames = ['store', 'temporal'] as const;
export const dependencyNameSchema = z.enum(dependencyNames);
export type DependencyName = z.infer<typeof dependencyNameSchema>;

export const dependencyCheckSchema = z.object({
  name: dependencyNameSchema,
  ok: z.boolean(),
  latencyMs: z.number(),
  error: z.string().optional(),
});
export type DependencyCheck = z.infer<typeof dependencyCheckSchema>;

export const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.array(dependencyCheckSchema),
});
export type Readiness = z.infer<typeof readinessSchema>;

export const livenessSchema = z.object({
  status: z.literal('ok'),
  uptimeSeconds: z.number(),
});
