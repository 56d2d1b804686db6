import { type ExecutableJourney } from './executable';
import { listeningEvents } from './listeningEvents';

const journey: ExecutableJourney = {
  entryNodeId: 'start',
  trigger: { kind: 'segmentEntered', segmentId: 'at-risk-students' },
  reentry: { mode: 'once' },
  nodes: {
    start: { type: 'entry', label: 'start', settings: { trigger: { kind: 'segmentEntered', segmentId: 'at-risk-students' }, reentry: { mode: 'once' } }, next: { next: 'login' } },
    login: { type: 'waitForEvent', label: 'login', settings: { event: 'Logged In', timeout: { amount: 3, unit: 'days' } }, next: { happened: 'idle', timedOut: 'quiet' } },
    idle: { type: 'inactivity', label: 'idle', settings: { inactiveFor: { amount: 7, unit: 'days' }, activityEvents: ['Lesson Completed', 'Logged In'] }, next: { next: 'quiet' } },
    quiet: { type: 'inactivity', label: 'quiet', settings: { inactiveFor: { amount: 7, unit: 'days' } }, next: { next: 'pause' } },
    pause: { type: 'delay', label: 'pause', settings: { mode: 'duration', duration: { amount: 1, unit: 'days' } }, next: { next: 'end' } },
    end: { type: 'exit', label: 'end', settings: {}, next: {} },
  },
  goals: [
    { id: 'enrolled', kind: 'event', event: 'Enrolled' },
    { id: 'engaged', kind: 'segmentEntered', segmentId: 'highly-engaged-prospects' },
  ],
  exitWhen: { leftEntrySegment: true, unsubscribed: true },
  dependsOn: { events: [], segments: [], templates: [] },
};

const journeyWide = ['Enrolled', 'Segment Entered', 'Segment Exited', 'Unsubscribed'];

describe('listeningEvents', () => {
  test('a step that does not wait for events hears what ends the run anywhere', () => {
    expect(listeningEvents(journey, 'pause')).toEqual({ anyEvent: false, events: journeyWide });
  });

  test('a wait for an event hears that event too', () => {
    expect(listeningEvents(journey, 'login')).toEqual({ anyEvent: false, events: [...journeyWide, 'Logged In'].sort() });
  });

  test('inactivity hears its activity events, or every event when none are listed', () => {
    expect(listeningEvents(journey, 'idle')).toEqual({ anyEvent: false, events: [...journeyWide, 'Lesson Completed', 'Logged In'].sort() });
    expect(listeningEvents(journey, 'quiet')).toEqual({ anyEvent: true, events: journeyWide });
  });

  test('hears nothing it was not told to', () => {
    const quiet: ExecutableJourney = { ...journey, trigger: { kind: 'manual' }, goals: [], exitWhen: { leftEntrySegment: true, unsubscribed: false } };
    expect(listeningEvents(quiet, 'pause')).toEqual({ anyEvent: false, events: [] });
  });

  test('refuses a step the journey does not have', () => {
    expect(() => listeningEvents(journey, 'nowhere')).toThrow('nowhere');
  });
});
