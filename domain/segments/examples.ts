import { SEGMENT_RULE_VERSION, type SegmentRule } from './rules';

const lastWeek = { kind: 'last', duration: { amount: 7, unit: 'days' } } as const;
const ever = { kind: 'ever' } as const;

export interface ExampleSegment {
  id: string;
  name: string;
  description: string;
  rule: SegmentRule;
}

/** The segments a new workspace starts with; they show the rule language on the canonical events. */
export const exampleSegments: ExampleSegment[] = [
  {
    id: 'highly-engaged-prospects',
    name: 'Highly engaged prospects',
    description: 'Viewed course pages at least 3 times and opened at least 2 emails in the last 7 days, and have not enrolled.',
    rule: {
      version: SEGMENT_RULE_VERSION,
      condition: {
        type: 'all',
        conditions: [
          { type: 'event', event: 'Course Page Viewed', count: { operator: 'atLeast', value: 3 }, window: lastWeek },
          { type: 'engagement', action: 'opened', count: { operator: 'atLeast', value: 2 }, window: lastWeek },
          { type: 'not', condition: { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: 1 }, window: ever } },
        ],
      },
    },
  },
  {
    id: 'at-risk-students',
    name: 'At-risk students',
    description: 'Enrolled, but 7 days have passed without a login since they enrolled or last logged in, whichever was later.',
    rule: {
      version: SEGMENT_RULE_VERSION,
      condition: {
        type: 'all',
        conditions: [
          { type: 'event', event: 'Enrolled', count: { operator: 'atLeast', value: 1 }, window: ever },
          { type: 'event', event: 'Logged In', count: { operator: 'exactly', value: 0 }, window: lastWeek },
          // A new student has not had 7 days to log in yet.
          { type: 'event', event: 'Enrolled', count: { operator: 'exactly', value: 0 }, window: lastWeek },
        ],
      },
    },
  },
  {
    id: 'new-leads',
    name: 'New leads',
    description: 'Downloaded a lead magnet in the last 30 days and have never enrolled.',
    rule: {
      version: SEGMENT_RULE_VERSION,
      condition: {
        type: 'all',
        conditions: [
          { type: 'event', event: 'Lead Magnet Downloaded', count: { operator: 'atLeast', value: 1 }, window: { kind: 'last', duration: { amount: 30, unit: 'days' } } },
          { type: 'event', event: 'Enrolled', count: { operator: 'exactly', value: 0 }, window: ever },
        ],
      },
    },
  },
];
