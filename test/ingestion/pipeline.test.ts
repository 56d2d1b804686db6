import { Ingestion } from '../../ingestion/pipeline';
import type { LearnerChange } from '../../ingestion/learnerChanged';
import { Profiles } from '../../ingestion/profiles';
import type { Store } from '../../store/connection';
import { dropAndClose, openTestStore } from '../support/env';

describe('ingestion pipeline on the real store', () => {
  let store: Store;
  let ingestion: Ingestion;
  let changes: LearnerChange[];

  beforeEach(async () => {
    store = await openTestStore('ingest');
    ingestion = new Ingestion(store.models);
    changes = [];
    ingestion.hook.subscribe((change) => void changes.push(change));
  });
  afterEach(async () => {
    await dropAndClose(store);
  });

  const learner = async (learnerId: string) => store.models.learners.findById(learnerId).lean();
  const eventsOf = async (learnerId: string) => store.models.learnerEvents.find({ learnerId }).sort({ timestamp: 1 }).lean();

  it('stores a track call for a new visitor and tells the hook once', async () => {
    const result = await ingestion.ingest(
      [{ type: 'track', anonymousId: 'anon-1', event: 'Course Page Viewed', properties: { courseId: 'ux', path: '/courses/ux' }, messageId: 'm1', timestamp: '2026-11-01T10:00:00Z' }],
      { source: 'api' },
    );
    expect(result).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
    const learnerId = result.learnerIds[0]!;
    const [event] = await eventsOf(learnerId);
    expect(event).toMatchObject({ _id: 'm1', name: 'Course Page Viewed', courseId: 'ux', status: 'applied', source: 'api' });
    expect(event?.timestamp.toISOString()).toBe('2026-11-01T10:00:00.000Z');
    expect(changes).toEqual([
      {
        learnerId,
        events: [{ messageId: 'm1', name: 'Course Page Viewed', properties: { courseId: 'ux', path: '/courses/ux' }, timestamp: new Date('2026-11-01T10:00:00Z') }],
        replayedEvents: [],
        traits: [],
        mergedLearnerIds: [],
      },
    ]);
  });

  it('changes nothing when the same batch is sent again', async () => {
    const batch = [
      { type: 'identify', userId: 'u1', traits: { email: 'ada@example.com', plan: 'pro' }, messageId: 'i1' },
      { type: 'track', userId: 'u1', event: 'Logged In', messageId: 't1' },
    ];
    const first = await ingestion.ingest(batch, { source: 'api' });
    const before = await learner(first.learnerIds[0]!);
    changes.length = 0;
    const again = await ingestion.ingest(batch, { source: 'api' });
    expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(again.learnerIds).toEqual(first.learnerIds);
    // Nothing changed, but listeners hear of the resent events so that work a crash interrupted gets finished.
    expect(changes).toEqual([{ learnerId: first.learnerIds[0], events: [], replayedEvents: [expect.objectContaining({ messageId: 'i1' }), expect.objectContaining({ messageId: 't1' })], traits: [], mergedLearnerIds: [] }]);
    expect(await store.models.learnerEvents.countDocuments()).toBe(2);
    expect(await learner(first.learnerIds[0]!)).toEqual(before);
  });

  it('links an anonymous visitor to the account they sign up with', async () => {
    const visit = await ingestion.ingest([{ type: 'page', anonymousId: 'anon-2', properties: { path: '/pricing' } }], { source: 'api' });
    const signup = await ingestion.ingest([{ type: 'identify', userId: 'u2', anonymousId: 'anon-2', traits: { email: 'Bob@Example.com ', name: 'Bob' } }], { source: 'api' });
    expect(signup.learnerIds[0]).toBe(visit.learnerIds[0]);
    const profile = await learner(signup.learnerIds[0]!);
    expect(profile).toMatchObject({ userId: 'u2', anonymousIds: ['anon-2'], traits: { name: 'Bob' } });
    expect(await store.models.identities.countDocuments({ learnerId: profile!._id })).toBe(3);
  });

  it('merges two profiles that turn out to share an email, keeping every event and the newest traits', async () => {
    const a = await ingestion.ingest(
      [
        { type: 'identify', userId: 'site-7', traits: { email: 'cleo@example.com', city: 'Lyon', plan: 'free' }, timestamp: '2026-10-01T00:00:00Z' },
        { type: 'track', userId: 'site-7', event: 'Enrolled', properties: { courseId: 'ux' }, timestamp: '2026-10-02T00:00:00Z' },
      ],
      { source: 'api' },
    );
    const b = await ingestion.ingest(
      [
        { type: 'identify', anonymousId: 'teachable:99', traits: { email: 'cleo@example.com', city: 'Paris' }, timestamp: '2026-10-05T00:00:00Z' },
        { type: 'track', anonymousId: 'teachable:99', event: 'Lesson Completed', properties: { courseId: 'ux' }, timestamp: '2026-10-06T00:00:00Z' },
      ],
      { source: 'teachable' },
    );
    // The email identity already belonged to site-7's learner, so Teachable's id joined it.
    expect(b.learnerIds[0]).toBe(a.learnerIds[0]);
    const survivor = a.learnerIds[0]!;
    expect((await eventsOf(survivor)).map((event) => event.name)).toEqual(['Identified', 'Enrolled', 'Identified', 'Lesson Completed']);
    expect((await learner(survivor))?.traits).toMatchObject({ city: 'Paris', plan: 'free', email: 'cleo@example.com' });
  });

  it('merges learners that were separate until one message names both', async () => {
    const anon = await ingestion.ingest([{ type: 'track', anonymousId: 'device-1', event: 'Lead Magnet Downloaded', timestamp: '2026-09-01T00:00:00Z' }], { source: 'api' });
    const known = await ingestion.ingest([{ type: 'identify', userId: 'u9', traits: { name: 'Dev' }, timestamp: '2026-09-02T00:00:00Z' }], { source: 'api' });
    expect(anon.learnerIds[0]).not.toBe(known.learnerIds[0]);
    changes.length = 0;
    const merged = await ingestion.ingest([{ type: 'alias', previousId: 'device-1', userId: 'u9' }], { source: 'api' });
    // The survivor is whichever id sorts first: merges between the same two learners always agree.
    const [survivor, gone] = [anon.learnerIds[0]!, known.learnerIds[0]!].sort();
    expect(merged.learnerIds[0]).toBe(survivor);
    expect((await learner(gone!))?.mergedInto).toBe(survivor);
    expect((await learner(survivor!))?.userId).toBe('u9');
    expect((await eventsOf(survivor!)).map((event) => event.name)).toEqual(['Lead Magnet Downloaded', 'Identified', 'Aliased']);
    expect(changes).toEqual([{ learnerId: survivor, events: [expect.objectContaining({ name: 'Aliased' })], replayedEvents: [], traits: expect.any(Array), mergedLearnerIds: [gone] }]);
  });

  it('never lets an older message overwrite a newer trait value', async () => {
    await ingestion.ingest([{ type: 'identify', userId: 'u3', traits: { plan: 'pro' }, timestamp: '2026-11-02T00:00:00Z' }], { source: 'api' });
    const late = await ingestion.ingest([{ type: 'identify', userId: 'u3', traits: { plan: 'free', city: 'Oslo' }, timestamp: '2026-11-01T00:00:00Z' }], { source: 'api' });
    expect((await learner(late.learnerIds[0]!))?.traits).toEqual({ plan: 'pro', city: 'Oslo' });
  });

  it('normalises traits, derives missing ones, and never lets a derived value replace a given one', async () => {
    const first = await ingestion.ingest(
      [{ type: 'identify', userId: 'u6', traits: { email: ' Ada@Example.COM ', country: 'Germany', phone: '030 1234567', jobTitle: 'Senior Product Designer', region: 'Atlantis?' } }],
      { source: 'api' },
    );
    const learnerId = first.learnerIds[0]!;
    expect((await learner(learnerId))?.traits).toMatchObject({
      email: 'ada@example.com',
      emailStatus: 'valid',
      emailDomainKind: 'company',
      country: 'DE',
      phone: '+49301234567',
      timezone: 'Europe/Berlin',
      department: 'design',
    });
    await ingestion.ingest([{ type: 'identify', userId: 'u6', traits: { timezone: 'Europe/Paris' } }], { source: 'api' });
    await ingestion.ingest([{ type: 'identify', userId: 'u6', traits: { country: 'Japan' } }], { source: 'api' });
    expect((await learner(learnerId))?.traits).toMatchObject({ country: 'JP', timezone: 'Europe/Paris' });

    const bad = await ingestion.ingest([{ type: 'identify', userId: 'u6', traits: { country: 'Narnia', email: 'not-an-email' } }], { source: 'api' });
    expect(bad.warnings.map((warning) => warning.trait)).toEqual(expect.arrayContaining(['country', 'email']));
    expect((await learner(learnerId))?.traits).toMatchObject({ country: 'JP', email: 'not-an-email', emailStatus: 'invalid' });
  });

  it('stores the valid messages of a batch and reports the invalid ones by index', async () => {
    const result = await ingestion.ingest(
      [
        { type: 'track', userId: 'u4', event: 'Logged In' },
        { type: 'track', event: 'Logged In' },
        { type: 'track', userId: 'u4', event: 'Quiz Attempted', properties: { 'score.value': 3 } },
        { type: 'track', userId: 'u4', event: 'Big', properties: { blob: 'x'.repeat(40_000) } },
        { type: 'fly', userId: 'u4' },
      ],
      { source: 'api' },
    );
    expect(result.accepted).toBe(1);
    expect(result.rejected.map((rejected) => [rejected.index, rejected.code])).toEqual([
      [1, 'validation_failed'],
      [2, 'validation_failed'],
      [3, 'payload_too_large'],
      [4, 'validation_failed'],
    ]);
    expect(result.rejected[0]!.issues[0]!.path).toEqual(['userId']);
    expect(result.rejected[1]!.issues[0]!.path).toEqual(['properties', 'score.value']);
    expect(await store.models.learnerEvents.countDocuments()).toBe(1);
  });

  it('finishes the profile effects of a message whose first attempt was interrupted', async () => {
    const first = await ingestion.ingest([{ type: 'track', userId: 'u5', event: 'Logged In' }], { source: 'api' });
    const learnerId = first.learnerIds[0]!;
    // As if the process died after storing the identify event but before applying its traits.
    await store.models.learnerEvents.create({ _id: 'interrupted', learnerId, type: 'identify', name: 'Identified', properties: {}, timestamp: new Date(), receivedAt: new Date(), source: 'api', status: 'pending' });
    const retry = await ingestion.ingest([{ type: 'identify', userId: 'u5', traits: { plan: 'team' }, messageId: 'interrupted' }], { source: 'api' });
    expect(retry.accepted).toBe(1);
    expect((await learner(learnerId))?.traits).toEqual({ plan: 'team' });
    expect((await store.models.learnerEvents.findById('interrupted').lean())?.status).toBe('applied');
  });

  it('keeps one learner when 50 events for a new person arrive through two processes at once', async () => {
    const other = new Ingestion(store.models);
    const sends = Array.from({ length: 50 }, (_, index) =>
      (index % 2 ? ingestion : other).ingest(
        [{ type: index % 5 === 0 ? 'identify' : 'track', userId: 'concurrent', event: 'Lesson Completed', traits: { email: 'eve@example.com' }, messageId: `c-${index}` }],
        { source: 'api' },
      ),
    );
    const results = await Promise.all(sends);
    const survivors = await store.models.learners.find({ mergedInto: null, userId: 'concurrent' }).lean();
    expect(survivors).toHaveLength(1);
    const survivor = survivors[0]!._id;
    // Every identity leads to the survivor (directly, or through a profile merged into it).
    const profiles = new Profiles(store.models);
    for (const id of ['user:concurrent', 'email:eve@example.com']) {
      const identity = await store.models.identities.findById(id).lean();
      expect(await profiles.alive(identity!.learnerId)).toBe(survivor);
    }
    const mergedIds = (await store.models.learners.find({ mergedInto: { $ne: null } }).lean()).map((doc) => doc._id);
    expect(await store.models.learnerEvents.countDocuments({ learnerId: { $in: [survivor, ...mergedIds] } })).toBe(50);
    expect(results.reduce((sum, result) => sum + result.accepted, 0)).toBe(50);
  });
});
