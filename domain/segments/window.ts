import { z } from 'zod';
import { describeDuration, durationMs, durationSchema } from './duration';

// An offset (or Z) is required: a bare local time would mean a different moment on every server.
const isoDateTime = z.iso.datetime({ offset: true });

/**
 * Which occurrences of an event a condition looks at. `last` reaches back from now and has no upper
 * end, so events dated in the future count as soon as they are recorded; `between` includes both ends.
 */
export const windowSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ever') }),
  z.object({ kind: z.literal('last'), duration: durationSchema }),
  z
    .object({ kind: z.literal('between'), from: isoDateTime, to: isoDateTime })
    .refine((window) => Date.parse(window.from) < Date.parse(window.to), { path: ['to'], message: 'to must be after from' }),
]);
export type Window = z.infer<typeof windowSchema>;

/** The closed range of event times a window covers at `now` (from may be -Infinity, to Infinity). */
export interface TimeRange {
  from: number;
  to: number;
}

export function windowRange(window: Window, now: number): TimeRange {
  switch (window.kind) {
    case 'ever':
      return { from: -Infinity, to: Infinity };
    case 'last':
      return { from: now - durationMs(window.duration), to: Infinity };
    case 'between':
      return { from: Date.parse(window.from), to: Date.parse(window.to) };
  }
}

export function describeWindow(window: Window): string {
  switch (window.kind) {
    case 'ever':
      return 'ever';
    case 'last':
      return `in the last ${describeDuration(window.duration)}`;
    case 'between':
      return `between ${window.from} and ${window.to}`;
  }
}
