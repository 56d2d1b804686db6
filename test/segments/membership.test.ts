import { evaluateRule, exampleSegments, type SegmentRule } from '../../domain/segments';
import { ActiveSegments } from '../../segments/definitions';
import { Ingestion } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { testSegmentRuntime } from '../support/segments';
import { ManualTime, RecordingClock, saveSegment } from './support';
import { Store as StoreClass } from '../../store/connection';

const DAY = 86_400_000;
const START = Date.parse('2026-11-02T09:00:00Z');
const example = (id: string) => exampleSegments.find((segment) => segment.id === id)!;

describe('dynamic segment membership on the real store', () => {
  let store: Store;
  let time: ManualTime;
  let clock: RecordingClock;
  let segments: ReturnType<typeof testSegmentRuntime>;

  beforeEach(async () => {
    store = await openTestStore('segments');
    time = new ManualTime(START);
    clock = new RecordingClock();
    segments = testSegmentRuntime(store, { clock, now: time.now });
    for (const segment of exampleSegments) await saveSegment(store.models, segment);
  });
  afterEach(async () => {
    await segments.close();
    await dropAndClose(store);
  });

  const track = (userId: string, event: string, at: number, messageId?: string, properties: Record<string, unknown> = {}) =>
    segments.ingestion.ingest([{ type: 'track', userId, event, properties, timestamp: new Date(at).toISOString(), ...(messageId ? { messageId } : {}) }], { source: 'api' });
  const learnerOf = async (userId: string) => (await store.models.identities.findById(`user:${userId}`).lean())!.learnerId as string;
  const transitions = async (learnerId: string) =>
    (await store.models.learnerEvents.find({ learnerId, name: { $in: ['Segment Entered', 'Segment Exited'] } }).sort({ timestamp: 1, _id: 1 }).lean()).map(
      (event) => `${event.name === 'Segment Entered' ? '+' : '-'}${(event.properties as { segmentId: string }).segmentId}`,
    );
  const membershipOf = async (learnerId: string) => (await store.models.learners.findById(learnerId).lean<LearnerDocument>())!.segmentIds;

  it('highly engaged prospects: enters on the third page view and second open within 7 days, leaves on enrolment', async () => {
    for (const [index, event] of ['Course Page Viewed', 'Course Page Viewed', 'Email Opened', 'Course Page Viewed'].entries()) await track('p1', event, START - (4 - index) * 3_600_000);
    const learnerId = await learnerOf('p1');
    expect(await membershipOf(learnerId)).toEqual([]);
    await track('p1', 'Email Opened', START - 60_000);
    expect(await membershipOf(learnerId)).toEqual(['highly-engaged-prospects']);
    await track('p1', 'Enrolled', START);
    expect(await transitions(learnerId)).toEqual(['+highly-engaged-prospects', '-highly-engaged-prospects']);
  });

  it('new leads: a lead magnet download within 30 days by someone never enrolled', async () => {
    await track('lead', 'Lead Magnet Downloaded', START - 2 * DAY);
    const learnerId = await learnerOf('lead');
    expect(await membershipOf(learnerId)).toEqual(['new-leads']);
    await track('old-lead', 'Lead Magnet Downloaded', START - 31 * DAY);
    expect(await membershipOf(await learnerOf('old-lead'))).toEqual([]);
  });

  it('at-risk students: time alone moves a learner in after 7 days without a login, and a login moves them out', async () => {
    await track('s1', 'Enrolled', START);
    const learnerId = await learnerOf('s1');
    expect(await membershipOf(learnerId)).toEqual([]);
    // Seven days ahead, the clock is asked for a coarse wake-up (on the hour, early), which then asks for
    // a precise one: just after the 7th day has passed, rounded up to the clock's resolution.
    const wakesOf = () => clock.wakes.filter((entry) => entry.learnerId === learnerId);
    const coarse = wakesOf().at(-1)!;
    expect(coarse.at).toBeLessThanOrEqual(START + 7 * DAY);
    time.ms = coarse.at;
    await segments.engine.reevaluate(learnerId, { kind: 'time' }, { wokenAt: coarse.at });
    expect(await membershipOf(learnerId)).toEqual([]);
    const precise = wakesOf().at(-1)!;
    expect(precise.at).toBeGreaterThan(START + 7 * DAY);
    expect(precise.at - (START + 7 * DAY)).toBeLessThanOrEqual(1_000);

    time.ms = precise.at;
    await segments.engine.reevaluate(learnerId, { kind: 'time' }, { wokenAt: precise.at });
    expect(await membershipOf(learnerId)).toEqual(['at-risk-students']);

    time.advance(DAY);
    await track('s1', 'Logged In', time.ms);
    expect(await transitions(learnerId)).toEqual(['+at-risk-students', '-at-risk-students']);
    const entered = await store.models.learnerEvents.findOne({ learnerId, name: 'Segment Entered' }).lean();
    expect(entered).toMatchObject({ source: 'segmentation', properties: { segmentId: 'at-risk-students', segmentName: example('at-risk-students').name } });
  });

  it('re-evaluates only segments that read what changed', async () => {
    const evaluated: string[] = [];
    const spy = jest.spyOn(ActiveSegments.prototype, 'evaluate');
    spy.mockImplementation(function (this: ActiveSegments, segment, facts, now) {
      evaluated.push(segment.id);
      return evaluateRule(segment.rule!, facts, now);
    });
    await track('d1', 'Course Page Viewed', START); // the first evaluation looks at every segment
    evaluated.length = 0;
    await track('d1', 'Lead Magnet Downloaded', START);
    expect(evaluated).toEqual(['new-leads']);
    evaluated.length = 0;
    await track('d1', 'Quiz Attempted', START);
    expect(evaluated).toEqual([]);
    spy.mockRestore();
  });

  it('an entering learner is written once for the evaluation and once to clear the outbox: announcing the entry finds its event recorded', async () => {
    await track('w1', 'Course Page Viewed', START - 60_000);
    const learnerId = await learnerOf('w1');
    const before = (await store.models.learners.findById(learnerId).lean<LearnerDocument>())!;
    await track('w1', 'Lead Magnet Downloaded', START);
    const after = (await store.models.learners.findById(learnerId).lean<LearnerDocument>())!;
    expect(after.segmentIds).toEqual(['new-leads']);
    expect(after.revision! - before.revision!).toBe(2);
    expect(after.segmentOutbox).toEqual([]);
    const entered = (after.behaviour as Record<string, { count: number; items: { id: string }[] }>)['Segment Entered']!;
    expect(entered.count).toBe(1);
    expect(entered.items.map((item) => item.id)).toEqual((await store.models.learnerEvents.find({ learnerId, name: 'Segment Entered' }).lean()).map((event) => event._id));
  });

  it('a resent event changes nothing; an announcement lost in a crash is made on the next evaluation, once', async () => {
    await track('r1', 'Lead Magnet Downloaded', START, 'lead-1');
    await track('r1', 'Lead Magnet Downloaded', START, 'lead-1');
    const learnerId = await learnerOf('r1');
    const learner = await store.models.learners.findById(learnerId).lean<LearnerDocument>();
    expect((learner!.behaviour as Record<string, { count: number }>)['Lead Magnet Downloaded']!.count).toBe(1);
    expect(await transitions(learnerId)).toEqual(['+new-leads']);

    // The process "dies" after writing the membership but before announcing it.
    const record = segments.ingestion.recordLearnerEvents.bind(segments.ingestion);
    segments.ingestion.recordLearnerEvents = async () => {
      throw new Error('killed');
    };
    time.advance(31 * DAY);
    await expect(segments.engine.reevaluate(learnerId, { kind: 'time' })).rejects.toThrow('killed');
    expect(await membershipOf(learnerId)).toEqual([]);
    expect(await transitions(learnerId)).toEqual(['+new-leads']);
    segments.ingestion.recordLearnerEvents = record;

    await segments.engine.reevaluate(learnerId, { kind: 'time' });
    await segments.engine.reevaluate(learnerId, { kind: 'time' });
    expect(await transitions(learnerId)).toEqual(['+new-leads', '-new-leads']);
    expect((await store.models.learners.findById(learnerId).lean<LearnerDocument>())!.segmentOutbox).toEqual([]);
  });

  it('asks for a wake-up for every learner due at the same moment, evaluated at once', async () => {
    const userIds = Array.from({ length: 8 }, (_, index) => `same-moment-${index}`);
    await Promise.all(userIds.map((userId) => track(userId, 'Enrolled', START)));
    const learnerIds = await Promise.all(userIds.map(learnerOf));
    expect(new Set(clock.wakes.map((wake) => wake.learnerId))).toEqual(new Set(learnerIds));
    for (const learnerId of learnerIds) expect((await store.models.learners.findById(learnerId).lean<LearnerDocument>())!.segmentOutbox).toEqual([]);
  });

  it('a wake-up the clock could not take is asked for again at the next evaluation', async () => {
    clock.failing = true;
    await track('w1', 'Enrolled', START);
    const learnerId = await learnerOf('w1');
    expect(clock.wakes).toEqual([]);
    clock.failing = false;
    await track('w1', 'Quiz Attempted', START + 1_000);
    expect(clock.wakes.map((wake) => wake.learnerId)).toEqual([learnerId]);
  });

  it('a merged-away profile leaves its segments; the survivor is evaluated with both histories', async () => {
    await track('m1', 'Lead Magnet Downloaded', START);
    await segments.ingestion.ingest([{ type: 'track', anonymousId: 'anon-m', event: 'Enrolled', timestamp: new Date(START).toISOString() }], { source: 'api' });
    const lead = await learnerOf('m1');
    expect(await membershipOf(lead)).toEqual(['new-leads']);
    await segments.ingestion.ingest([{ type: 'identify', userId: 'm1', anonymousId: 'anon-m' }], { source: 'api' });
    const survivor = await learnerOf('m1');
    const everyone = await store.models.learners.find({}).lean<LearnerDocument[]>();
    expect(everyone.filter((doc) => doc.segmentIds.includes('new-leads'))).toEqual([]);
    expect(everyone.find((doc) => doc._id === survivor)!.behaviour).toHaveProperty('Enrolled');
  });
});

describe('concurrent events for one learner through two processes', () => {
  const rule = (condition: SegmentRule['condition']): SegmentRule => ({ version: 1, condition });

  it('produces each transition exactly once, in order, ending in the state the rule gives', async () => {
    const first = await openTestStore('concurrent');
    const second = StoreClass.open({ uri: testConfig().store.uri, database: first.connection.db!.databaseName });
    await second.waitUntilConnected(30_000);
    const now = () => START;
    const processes = [first, second].map((store) => testSegmentRuntime(store, { clock: new RecordingClock(), now, ingestion: new Ingestion(store.models) }));
    try {
      await saveSegment(first.models, { id: 'viewed-30', rule: rule({ type: 'event', event: 'Course Page Viewed', count: { operator: 'atLeast', value: 30 }, window: { kind: 'ever' } }) });
      await saveSegment(first.models, { id: 'never-completed', rule: rule({ type: 'event', event: 'Lesson Completed', count: { operator: 'exactly', value: 0 }, window: { kind: 'ever' } }) });
      await processes[0]!.ingestion.ingest([{ type: 'identify', userId: 'busy', traits: { name: 'Busy Bee' } }], { source: 'api' });

      const events = Array.from({ length: 60 }, (_, index) => ({
        type: 'track',
        userId: 'busy',
        event: index === 45 ? 'Lesson Completed' : 'Course Page Viewed',
        messageId: `busy-${index}`,
        timestamp: new Date(START - 60_000 + index).toISOString(),
      }));
      const results = await Promise.all(events.map((event, index) => processes[index % 2]!.ingestion.ingest([event], { source: 'api' })));
      expect(results.every((result) => result.accepted === 1)).toBe(true);

      const learnerId = (await first.models.identities.findById('user:busy').lean())!.learnerId as string;
      const learner = await first.models.learners.findById(learnerId).lean<LearnerDocument>();
      const announced = await first.models.learnerEvents.find({ learnerId, name: { $in: ['Segment Entered', 'Segment Exited'] } }).lean();
      const bySegment = (segmentId: string) =>
        announced
          .filter((event) => (event.properties as { segmentId: string }).segmentId === segmentId)
          .map((event) => ({ id: event._id, name: event.name }))
          .sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
      expect(bySegment('viewed-30')).toEqual([{ id: `segment:viewed-30:${learnerId}:1`, name: 'Segment Entered' }]);
      expect(bySegment('never-completed')).toEqual([
        { id: `segment:never-completed:${learnerId}:1`, name: 'Segment Entered' },
        { id: `segment:never-completed:${learnerId}:2`, name: 'Segment Exited' },
      ]);
      expect(learner!.segmentIds).toEqual(['viewed-30']);
      expect((learner!.behaviour as Record<string, { count: number }>)['Course Page Viewed']!.count).toBe(59);
      expect(learner!.segmentOutbox).toEqual([]);
    } finally {
      for (const process of processes) await process.close();
      await second.close();
      await dropAndClose(first);
    }
  });
});
