import { normaliseDate } from '../normalise/date';
import type { EntryTrigger } from './nodes/entry';

const unitMs = { hours: 3_600_000, days: 86_400_000, weeks: 604_800_000 } as const;

/**
 * When a date-trait trigger fires for a learner's current trait value ("3 days before cohortStart"):
 * the moment, and the date itself as the run's key (a changed date is another run).
 */
export function dateTriggerMoment(trigger: Extract<EntryTrigger, { kind: 'dateTrait' }>, traitValue: unknown): { key: string; at: number } | undefined {
  const date = normaliseDate(traitValue);
  if (!date) return undefined;
  const offset = trigger.offset.amount * unitMs[trigger.offset.unit] * (trigger.offset.direction === 'before' ? -1 : 1);
  return { key: date, at: Date.parse(date) + offset };
}
