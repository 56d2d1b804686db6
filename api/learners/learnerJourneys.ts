import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { JourneyRunView } from '../../domain/journeys/api';
import { journeyRunView } from '../../journeys/runViews';
import { LEARNER_ID_PATTERN } from '../privacy/learnerRecords';


/** Learner ids go into a Temporal visibility query: only ids that cannot close its quotes. */
export const learnerIdParamSchema = z.string().regex(LEARNER_ID_PATTERN, 'a learner id: letters, digits and _ . : - (up to 200)');

/** More than any learner has; the list stops there rather than paging through a runaway. */
export const MAX_RUNS_PER_LEARNER = 500;

/**
 * A learner's journey runs, newest first, found by the LearnerId search attribute: one visibility
 * list per id of the person (a merged profile's runs were started under its own id).
 */
export async function learnerJourneyRuns(client: () => Client, learnerIds: readonly string[], limit = MAX_RUNS_PER_LEARNER): Promise<JourneyRunView[]> {
  const runs: JourneyRunView[] = [];
  for (const learnerId of learnerIds) {
    // Checked again here, not only by the route: this string is spliced into the query.
    if (!LEARNER_ID_PATTERN.test(learnerId)) throw new Error(`not a learner id: ${JSON.stringify(learnerId)}`);
    for await (const run of client().workflow.list({ query: `LearnerId = '${learnerId}'`, pageSize: Math.min(limit, 100) })) {
      const view = journeyRunView(run);
      runs.push({ ...view, learnerId: view.learnerId ?? learnerId });
      if (runs.length >= limit) break;
    }
  }
  return runs.sort((a, b) => b.startedAt.localeCompare(a.startedAt)).slice(0, limit);
}
