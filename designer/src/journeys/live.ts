import { type z } from 'zod';
import type { DesignerSettings } from '../../../domain/designerSettings';
import { type nodeCountsSchema } from '../../../domain/journeys/api';

export type NodeCounts = z.infer<typeof nodeCountsSchema>;

/** How often the live view asks for fresh counts. */
export const liveRefreshMs = 5_000;

/** The run's page in the Temporal UI (GET /api/designer/settings says where); by workflow id, which opens its latest run. */
export function temporalRunUrl(workflowId: string, settings: DesignerSettings): string {
  return `${settings.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(settings.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

/** A share of sends as a whole percent; no sends gives a dash, not 0 %, since nothing was measured. */
export function percent(part: number, whole: number): string {
  return whole > 0 ? `${Math.round((part / whole) * 100)} %` : '–';
}

export function countsByNode(counts: readonly NodeCounts[]): ReadonlyMap<string, NodeCounts> {
  return new Map(counts.map((entry) => [entry.nodeId, entry]));
}
