import type { StoreModels } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { writeSerially } from '../../store/serialWrites';
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

/** One marketing message let through, kept on the learner while it can count against a cap. */
export interface CountedSend {
  sendId: string;
  at: Date;
}

/**
 * At most N marketing messages per learner per day / week across all journeys. Each marketing message
 * let through is noted on the learner's document (`marketingSends`: send id and run time, the last 7
 * days kept) when it is admitted — before it is queued, once per send id — so the check reads the
 * learner it already has instead of scanning the ledger (a scan per send was the slowest part of
 * sending on FerretDB, which uses no secondary indexes). Sends of profiles merged into this one count
 * from the merge on. A message at a cap is held back until enough counted sends have left the window
 * (plus a second, so the send asked again then is surely under it).
 *
 * Known race, left open: the count and the note are not one atomic step, so two runs of the same
 * learner judged at the same moment can both see room for one more and both send (one over the cap).
 */
export function frequencyCapCheck(models: Pick<StoreModels, 'learners' | 'writeClaims'>, caps: FrequencyCaps): SendCheck {
  const windows: CapWindow[] = [
    { name: 'day' as const, ms: DAY_MS, cap: caps.perDay },
    { name: 'week' as const, ms: 7 * DAY_MS, cap: caps.perWeek },
  ].filter((window) => window.cap > 0);
  if (windows.length === 0) return { check: async () => undefined };
  const longest = Math.max(...windows.map((window) => window.ms));
  const counted = (learner: Pick<LearnerDocument, 'marketingSends'>, at: number): CountedSend[] =>
    ((learner.marketingSends ?? []) as CountedSend[]).filter((send) => new Date(send.at).getTime() > at - longest);

  return {
    async check({ request, learner, at }) {
      if (request.kind !== 'marketing') return undefined;
      const moments = counted(learner, at)
        .map((send) => new Date(send.at).getTime())
        .sort((a, b) => a - b);
      let verdict: { deferUntil: number; reason: string } | undefined;
      for (const window of windows) {
        const inWindow = moments.filter((moment) => moment > at - window.ms);
        if (inWindow.length < window.cap) continue;
        // Room for one more once all but cap - 1 of the counted sends have left the window.
        const deferUntil = inWindow[inWindow.length - window.cap]! + window.ms + 1_000;
        if (!verdict || deferUntil > verdict.deferUntil) verdict = { deferUntil, reason: `frequency cap: ${window.cap} per ${window.name}` };
      }
      return verdict;
    },

    async admit({ request, learner, sendId, at }) {
      if (request.kind !== 'marketing') return;
      await writeSerially<LearnerDocument>({
        model: models.learners as never,
        claims: models.writeClaims,
        id: learner._id,
        known: learner,
        decide: (current) => {
          const kept = counted(current, at);
          if (kept.some((send) => send.sendId === sendId)) return undefined;
          return { set: { marketingSends: [...kept, { sendId, at: new Date(at) }] } };
        },
      });
    },
  };
}
