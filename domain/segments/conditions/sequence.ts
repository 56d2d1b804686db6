import { z } from 'zod';
import { type BehaviourSummary, type SummaryItem } from '../behaviour';
import { describeDuration, durationMs, durationSchema } from '../duration';
import { describeInstant } from '../instants';
import { matchingItems } from '../occurrences';
import { describeFilters, propertyFilterSchema } from '../propertyFilter';
import { describeWindow, windowRange, windowSchema } from '../window';

const step = z.object({ event: z.string().min(1), where: z.array(propertyFilterSchema).optional() });

/**
 * "Did A and then not B within D", e.g. viewed the checkout and did not complete an order within a
 * day. Holds when some occurrence of A in `window` (at time a) has had its follow-up time fully
 * pass (a + within ≤ now) with no occurrence of B at any b, a ≤ b ≤ a + within. The A occurrence
 * itself never counts as its own follow-up, so "Logged In, then not Logged In within 7 days" works.
 */
export const sequenceConditionSchema = z.object({
  type: z.literal('sequence'),
  first: step,
  thenNot: step,
  within: durationSchema,
  window: windowSchema,
});
export type SequenceCondition = z.infer<typeof sequenceConditionSchema>;

/** An unanswered occurrence of A at `at` keeps the condition true from `from` to `to`, both included. */
interface Span {
  at: number;
  from: number;
  to: number;
}

/**
 * Each A occurrence never followed by B makes the condition hold over a closed span of time: from its
 * deadline a + within until it leaves the window (forever for `ever` and `between` windows, which
 * never lose an occurrence, so `now` only matters to `last`). The condition holds exactly when now
 * lies in one of these spans.
 */
function unansweredSpans(condition: SequenceCondition, behaviour: BehaviourSummary, now: number): Span[] {
  const within = durationMs(condition.within);
  const followUps = matchingItems(behaviour, condition.thenNot.event, condition.thenNot.where);
  const answered = (occurrence: SummaryItem) => followUps.some((followUp) => followUp.id !== occurrence.id && followUp.at >= occurrence.at && followUp.at <= occurrence.at + within);
  const window = condition.window;
  const spans: Span[] = [];
  for (const occurrence of matchingItems(behaviour, condition.first.event, condition.first.where)) {
    if (answered(occurrence)) continue;
    const from = occurrence.at + within;
    if (window.kind === 'last') {
      const to = occurrence.at + durationMs(window.duration);
      if (from <= to) spans.push({ at: occurrence.at, from, to });
    } else {
      const range = windowRange(window, now);
      if (occurrence.at >= range.from && occurrence.at <= range.to) spans.push({ at: occurrence.at, from, to: Infinity });
    }
  }
  return spans.sort((a, b) => a.from - b.from);
}

export function sequenceHolds(condition: SequenceCondition, behaviour: BehaviourSummary, now: number): boolean {
  return unansweredSpans(condition, behaviour, now).some((span) => span.from <= now && now <= span.to);
}

export function describeSequence(condition: SequenceCondition, behaviour: BehaviourSummary, now: number): string {
  const span = unansweredSpans(condition, behaviour, now).find((candidate) => candidate.from <= now && now <= candidate.to);
  const first = `${condition.first.event}${describeFilters(condition.first.where)}`;
  const thenNot = `${condition.thenNot.event}${describeFilters(condition.thenNot.where)}`;
  const within = describeDuration(condition.within);
  return span
    ? `${first} at ${describeInstant(span.at)} was not followed by ${thenNot} within ${within}`
    : `no ${first} ${describeWindow(condition.window)} has gone ${within} without ${thenNot}`;
}

export function sequenceNextChange(condition: SequenceCondition, behaviour: BehaviourSummary, now: number): number | null {
  const spans = unansweredSpans(condition, behaviour, now);
  if (!spans.some((span) => span.from <= now && now <= span.to)) {
    const next = spans.find((span) => span.from > now);
    return next ? next.from : null;
  }
  // Holds now: it stops at the first instant no span covers, walking through overlapping spans.
  let reach = now;
  for (const span of spans) {
    if (span.from > reach) break;
    reach = Math.max(reach, span.to + 1);
  }
  return Number.isFinite(reach) ? reach : null;
}
