import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorBodySchema } from '../../domain/errors';
import { livenessSchema, readinessSchema, type DependencyCheck, type DependencyName } from '../../domain/health';
import { ApiError } from '../errors';

export interface ReadinessProbes {
  store(): Promise<void>;
  temporal(): Promise<void>;
}

async function check(name: DependencyName, probe: () => Promise<void>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await probe();
    return { name, ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { name, ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** Liveness (the process answers) and readiness (its dependencies answer), unauthenticated for probes. */
export async function healthRoutes(app: FastifyInstance, options: { probes: ReadinessProbes }) {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.get(
    '/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: { 200: livenessSchema } }, config: { rateLimit: false } },
    async () => ({ status: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) }),
  );

  routes.get(
    '/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the store and Temporal answer',
        description: 'On 503 the error details list every check and name the dependency that failed.',
        response: { 200: readinessSchema, 503: errorBodySchema },
      },
      config: { rateLimit: false },
    },
    async () => {
      const checks = await Promise.all([check('store', options.probes.store), check('temporal', options.probes.temporal)]);
      const failed = checks.filter((result) => !result.ok);
      if (failed.length > 0) {
        const names = failed.map((result) => `${result.name} (${result.error})`).join(', ');
        throw new ApiError(503, 'not_ready', `Not ready: unavailable ${names}`, { unavailable: failed.map((r) => r.name), checks });
      }
      return { status: 'ready' as const, checks };
    },
  );
}
