import { type z } from 'zod';
import { type nodeCountsSchema } from '../../../domain/journeys/api';

export type NodeCounts = z.infer<typeof nodeCountsSchema>;

/** How often the live view asks for fresh counts. */
export const liveRefreshMs = 5_000;

/**
 * Where the Temporal UI is. Neither /health nor /ready tells the browser the server's TEMPORAL_UI_URL,
 * so this is the local default the stack starts it on (TEMPORAL_UI_PORT 8233).
 */
export const temporalUiUrl = 'http://localhost:8233';

/** The run's page in the Temporal UI; by workflow id, which opens its latest run (one per learner). */
export function temporalRunUrl(workflowId: string, baseUrl = temporalUiUrl): string {
  return `${baseUrl.replace(/\/$/, '')}/namespaces/default/workflows/${encodeURIComponent(workflowId)}`;
}

/** A share of sends as a whole percent; no sends gives a dash, not 0 %, since nothing was measured. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
}

export function countsByNode(counts: readonly NodeCounts[]): ReadonlyMap<string, NodeCounts> {
  return new Map(counts.map((entry) => [entry.nodeId, entry]));
}
