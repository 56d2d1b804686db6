import { errorBodySchema } from '../../domain/errors';
import { readinessSchema, type DependencyCheck } from '../../domain/health';

export type SystemStatus =
  | { state: 'loading' }
  | { state: 'ready'; checks: DependencyCheck[] }
  | { state: 'unavailable'; message: string; checks: DependencyCheck[] };

/** Reads /ready; a 503 carries the checks in the error details and names what is down. */
export async function fetchSystemStatus(fetchImpl: typeof fetch = fetch): Promise<SystemStatus> {
  try {
    const response = await fetchImpl('/ready', { headers: { accept: 'application/json' } });
    const body: unknown = await response.json();
    const ready = readinessSchema.safeParse(body);
    if (response.ok && ready.success) return { state: 'ready', checks: ready.data.checks };
    const failure = errorBodySchema.safeParse(body);
    if (failure.success) {
      const details = readinessSchema.shape.checks.safeParse((failure.data.error.details as { checks?: unknown } | undefined)?.checks);
      return { state: 'unavailable', message: failure.data.error.message, checks: details.success ? details.data : [] };
    }
    return { state: 'unavailable', message: `Unexpected answer from /ready (HTTP ${response.status})`, checks: [] };
  } catch (error) {
    return { state: 'unavailable', message: `The API cannot be reached: ${(error as Error).message}`, checks: [] };
  }
}
