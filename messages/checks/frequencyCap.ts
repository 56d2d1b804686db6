import type { StoreModels } from '../../store/connection';
import type { SendCheck } from '../pipeline';

export interface FrequencyCaps {
  /** 0 = no cap. */
  perDay: number;
  perWeek: number;
}

const DAY_MS = 86_400_000;

interface CapWindow {
  name: 'day' | 'week';
  ms: number;
  cap: number;
}

/**
 * At most N marketing messages per learner per day / week across all journeys, counted in the ledger:
 * sends marked sent whose run time (`at`; `sentAt` for entries written before `at` existed) lies in the
 * 24 hours / 7 days before this send's run time. A message at a cap is held back until enough of the
 * counted sends have left the window (plus a second, so the send asked again then is surely under it).
 *
 * Known race, left open: the count and the send are not one atomic step, so two runs of the same
 * learner judged at the same moment can both see room for one more and both send (one over the cap).
 * Closing it needs a per-learner claim held from this check until the ledger says sent — a claim the
 * loser must wait out (or defer on) and that must expire when its holder dies mid-delivery.
 */
export function frequencyCapCheck(models: Pick<StoreModels, 'learners' | 'messageSends'>, caps: FrequencyCaps): SendCheck {
  const windows: CapWindow[] = [
    { name: 'day' as const, ms: DAY_MS, cap: caps.perDay },
    { name: 'week' as const, ms: 7 * DAY_MS, cap: caps.perWeek },
  ].filter((window) => window.cap > 0);
  if (windows.length === 0) return { check: async () => undefined };
  const longest = Math.max(...windows.map((window) => window.ms));

  return {
    async check({ request, learner, at }) {
      if (request.kind !== 'marketing') return undefined;
      // Runs started before a merge still send under the merged-away id: their sends count for the survivor.
      const merged = await models.learners.find({ mergedInto: learner._id }, { _id: 1 }).lean<{ _id: string }[]>();
      const learnerIds = [...new Set([request.learnerId, learner._id, ...merged.map((doc) => doc._id)])];
      // No upper bound: a send recorded with a run time after `at` has happened all the same (a run's
      // time is when its current workflow task started, which can lag behind another run's).
      const since = new Date(at - longest);
      // Queued messages count too: they are on their way, and another journey's send must not slip past.
      const sends = await models.messageSends
        .find(
          { learnerId: { $in: learnerIds }, kind: 'marketing', status: { $in: ['sent', 'queued'] }, $or: [{ at: { $gt: since } }, { at: null, sentAt: { $gt: since } }] },
          { at: 1, sentAt: 1 },
        )
        .lean<{ at?: Date | null; sentAt?: Date | null }[]>();
      const moments = sends
        .map((send) => (send.at ?? send.sentAt)!.getTime())
        .sort((a, b) => a - b);

      let verdict: { deferUntil: number; reason: string } | undefined;
      for (const window of windows) {
        const counted = moments.filter((moment) => moment > at - window.ms);
        if (counted.length < window.cap) continue;
        // Room for one more once all but cap - 1 of the counted sends have left the window.
        const deferUntil = counted[counted.length - window.cap]! + window.ms + 1_000;
        if (!verdict || deferUntil > verdict.deferUntil) verdict = { deferUntil, reason: `frequency cap: ${window.cap} per ${window.name}` };
      }
      return verdict;
    },
  };
}
