import { type Edge, type JourneyGraph, type JourneyNode } from './graph';

export interface ExampleJourney {
  id: string;
  name: string;
  description: string;
  graph: JourneyGraph;
}

// Laid out left to right, one column per step; branches go above and below the main line.
const column = (index: number) => index * 260;
const mainLine = 0;
const upperBranch = -120;
const lowerBranch = 120;

function link(source: string, sourceHandle: string, target: string): Edge {
  return { id: `${source}-${sourceHandle}-${target}`, source, sourceHandle, target };
}

/** Course news and nudges go out under `course-updates`, offers under `promotions` (learners opt out of each separately). */
function send(id: string, label: string, templateId: string, x: number, y: number, topic: 'course-updates' | 'promotions' = 'course-updates'): JourneyNode {
  return { id, type: 'sendMessage', label, position: { x, y }, settings: { templateId, channel: 'email', kind: 'marketing', topic, whenHeldBack: 'defer' } };
}

function exit(id: string, x: number, y: number): JourneyNode {
  return { id, type: 'exit', label: 'Done', position: { x, y }, settings: {} };
}

const threeDays = { amount: 3, unit: 'days' } as const;

const onboarding: JourneyGraph = {
  nodes: [
    {
      id: 'enrolled',
      type: 'entry',
      label: 'Enrolled in a course',
      position: { x: column(0), y: mainLine },
      settings: { trigger: { kind: 'event', event: 'Enrolled', key: 'courseId' }, reentry: { mode: 'once' } },
    },
    send('welcome', 'Welcome email', 'onboarding-welcome', column(1), mainLine),
    { id: 'wait-2-days', type: 'delay', label: 'Wait 2 days', position: { x: column(2), y: mainLine }, settings: { mode: 'duration', duration: { amount: 2, unit: 'days' } } },
    send('tips', 'Tips email', 'onboarding-tips', column(3), mainLine),
    { id: 'wait-3-days', type: 'delay', label: 'Wait 3 days', position: { x: column(4), y: mainLine }, settings: { mode: 'duration', duration: threeDays } },
    {
      id: 'completed',
      type: 'condition',
      label: 'Completed the course?',
      position: { x: column(5), y: mainLine },
      settings: { mode: 'yesNo', condition: { type: 'event', event: 'Course Completed', count: { operator: 'atLeast', value: 1 }, window: { kind: 'ever' } } },
    },
    exit('finished', column(6), upperBranch),
    send('progress', 'Progress nudge', 'onboarding-progress', column(6), lowerBranch),
    exit('nudged', column(7), lowerBranch),
  ],
  edges: [
    link('enrolled', 'next', 'welcome'),
    link('welcome', 'next', 'wait-2-days'),
    link('wait-2-days', 'next', 'tips'),
    link('tips', 'next', 'wait-3-days'),
    link('wait-3-days', 'next', 'completed'),
    link('completed', 'yes', 'finished'),
    link('completed', 'no', 'progress'),
    link('progress', 'next', 'nudged'),
  ],
  goals: [{ id: 'course-completed', kind: 'event', event: 'Course Completed' }],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
};

const upsell: JourneyGraph = {
  nodes: [
    {
      id: 'engaged',
      type: 'entry',
      label: 'Became a highly engaged prospect',
      position: { x: column(0), y: mainLine },
      settings: { trigger: { kind: 'segmentEntered', segmentId: 'highly-engaged-prospects' }, reentry: { mode: 'afterCooldown', cooldown: { amount: 30, unit: 'days' } } },
    },
    send('offer', 'Offer email', 'upsell-offer', column(1), mainLine, 'promotions'),
    { id: 'wait-for-order', type: 'waitForEvent', label: 'Ordered within 3 days?', position: { x: column(2), y: mainLine }, settings: { event: 'Order Completed', timeout: threeDays } },
    exit('ordered', column(3), upperBranch),
    send('reminder', 'Reminder email', 'upsell-reminder', column(3), lowerBranch, 'promotions'),
    exit('reminded', column(4), lowerBranch),
  ],
  edges: [
    link('engaged', 'next', 'offer'),
    link('offer', 'next', 'wait-for-order'),
    link('wait-for-order', 'happened', 'ordered'),
    link('wait-for-order', 'timedOut', 'reminder'),
    link('reminder', 'next', 'reminded'),
  ],
  goals: [{ id: 'ordered', kind: 'event', event: 'Order Completed' }],
  exitWhen: { leftEntrySegment: false, unsubscribed: true },
};

const reengagement: JourneyGraph = {
  nodes: [
    {
      id: 'at-risk',
      type: 'entry',
      label: 'Became an at-risk student',
      position: { x: column(0), y: mainLine },
      settings: { trigger: { kind: 'segmentEntered', segmentId: 'at-risk-students' }, reentry: { mode: 'afterFinish' } },
    },
    send('reminder', 'Reminder email', 'reengage-reminder', column(1), mainLine),
    { id: 'wait-for-login', type: 'waitForEvent', label: 'Logged in within 3 days?', position: { x: column(2), y: mainLine }, settings: { event: 'Logged In', timeout: threeDays } },
    exit('returned', column(3), upperBranch),
    send('support', 'Support offer', 'reengage-support', column(3), lowerBranch),
    exit('offered-support', column(4), lowerBranch),
  ],
  edges: [
    link('at-risk', 'next', 'reminder'),
    link('reminder', 'next', 'wait-for-login'),
    link('wait-for-login', 'happened', 'returned'),
    link('wait-for-login', 'timedOut', 'support'),
    link('support', 'next', 'offered-support'),
  ],
  goals: [],
  // Any login takes the learner out of at-risk-students, so leaving the segment ends the run wherever it is.
  exitWhen: { leftEntrySegment: true, unsubscribed: true },
};

/** The journeys a new workspace starts with, built on the example segments and the canonical events. */
export const exampleJourneys: ExampleJourney[] = [
  { id: 'onboarding', name: 'Course onboarding', description: 'Welcomes a new student to each course they enrol in, with tips after 2 days and a progress nudge after 5 unless they have completed the course.', graph: onboarding },
  { id: 'upsell', name: 'Upsell to engaged prospects', description: 'Sends highly engaged prospects an offer, and a reminder if they have not ordered within 3 days.', graph: upsell },
  { id: 're-engagement', name: 'Re-engage at-risk students', description: 'Reminds at-risk students to come back, and offers support if they have not logged in within 3 days.', graph: reengagement },
];
