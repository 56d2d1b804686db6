import type { SplitSettings } from '../../../domain/journeys';
import { chooseVariant } from '../../../domain/journeys/abSplit';
import type { RunContext } from '../context';

/** A/B: the same learner always gets the same variant of a node (sticky, deterministic). */
export function splitStep(settings: SplitSettings, nodeId: string, context: RunContext): string {
  return chooseVariant(`${context.input.journeyId}:${nodeId}:${context.input.learnerId}`, settings.variants);
}
