import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { dropAndClose, openTestStore } from '../../test/support/env';
import type { SendContext, SendRequest } from '../pipeline';
import { frequencyCapCheck } from './frequencyCap';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2025-06-10T12:00:00Z');

/** The cap check and what it notes on learners, in a real store (the notes are serialised learner writes). */
describe('frequencyCapCheck', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore('frequency_cap');
  });
  afterAll(async () => {
    if (store) await dropAndClose(store);
  });

  const newLearner = async () => {
    const learnerId = `learner-${randomUUID()}`;
    await store.models.learners.create({ _id: learnerId, traits: {}, createdAt: new Date(), updatedAt: new Date() });
    return learnerId;
  };
  const context = async (learnerId: string, request: Partial<SendRequest> = {}, at = now, sendId = `send-${randomUUID()}`): Promise<SendContext> => {
    const learner = (await store.models.learners.findById(learnerId).lean<LearnerDocument>())!;
    return { request: { idempotencyKey: sendId, learnerId, templateId: 'offer', channel: 'email', kind: 'marketing', ...request }, sendId, learner, traits: {}, at };
  };
  const capped = (perDay: number, perWeek: number) => frequencyCapCheck(store.models, { perDay, perWeek });
  /** A marketing message let through `ago` before now. */
  const record = async (learnerId: string, ago: number) => capped(100, 100).admit!(await context(learnerId, {}, now - ago));

  test('lets marketing through under the cap, and holds it back at the cap until the oldest send leaves the day', async () => {
    const learner = await newLearner();
    await record(learner, 3 * HOUR);
    expect(await capped(2, 10).check(await context(learner))).toBeUndefined();
    await record(learner, 1 * HOUR);
    const verdict = await capped(2, 10).check(await context(learner));
    expect(verdict).toEqual({ deferUntil: now - 3 * HOUR + DAY + 1_000, reason: 'frequency cap: 2 per day' });
    // Asked again at that moment (as the deferred run does), there is room.
    expect(await capped(2, 10).check(await context(learner, {}, now - 3 * HOUR + DAY + 1_000))).toBeUndefined();
  });

  test('counts only the last 24 hours for the day cap, and 7 days for the week cap', async () => {
    const learner = await newLearner();
    for (const ago of [7 * DAY, 6 * DAY, DAY, DAY - 1]) await record(learner, ago);
    expect(await capped(2, 0).check(await context(learner))).toBeUndefined();
    // In the week: 6 days ago, 24 h ago and just under 24 h ago (exactly 7 days ago has left it).
    expect(await capped(0, 3).check(await context(learner))).toEqual({ deferUntil: now - 6 * DAY + 7 * DAY + 1_000, reason: 'frequency cap: 3 per week' });
    expect(await capped(0, 4).check(await context(learner))).toBeUndefined();
  });

  test('when both caps are reached, waits for the later of the two', async () => {
    const learner = await newLearner();
    await record(learner, 5 * DAY);
    await record(learner, 2 * HOUR);
    // The day frees up in 22 h, the week only in 2 days.
    expect(await capped(1, 2).check(await context(learner))).toEqual({ deferUntil: now - 5 * DAY + 7 * DAY + 1_000, reason: 'frequency cap: 2 per week' });
    expect(await capped(1, 3).check(await context(learner))).toEqual({ deferUntil: now - 2 * HOUR + DAY + 1_000, reason: 'frequency cap: 1 per day' });
  });

  test('over the cap (e.g. after lowering it), waits until enough sends have left the window', async () => {
    const learner = await newLearner();
    for (const ago of [5 * HOUR, 4 * HOUR, 3 * HOUR]) await record(learner, ago);
    // Two must leave for a third to fit under a cap of 2: the second oldest decides.
    expect(await capped(2, 0).check(await context(learner))).toEqual({ deferUntil: now - 4 * HOUR + DAY + 1_000, reason: 'frequency cap: 2 per day' });
  });

  test('notes each send once however often it is admitted (retries), keeps only the last 7 days, and ignores transactional messages', async () => {
    const learner = await newLearner();
    const check = capped(1, 1);
    await check.admit!(await context(learner, {}, now - 8 * DAY, 'old'));
    await check.admit!(await context(learner, {}, now - HOUR, 'retried'));
    await check.admit!(await context(learner, {}, now - HOUR, 'retried'));
    await check.admit!(await context(learner, { kind: 'transactional' }, now - HOUR, 'receipt'));
    const notes = (await store.models.learners.findById(learner).lean<LearnerDocument>())!.marketingSends as { sendId: string }[];
    expect(notes.map((note) => note.sendId)).toEqual(['retried']);
    expect(await capped(1, 0).check(await context(learner))).toEqual({ deferUntil: now - HOUR + DAY + 1_000, reason: 'frequency cap: 1 per day' });
  });

  test('never caps transactional messages, and caps nothing when both caps are 0', async () => {
    const learner = await newLearner();
    await record(learner, HOUR);
    await record(learner, 2 * HOUR);
    expect(await capped(1, 1).check(await context(learner, { kind: 'transactional' }))).toBeUndefined();
    expect(await capped(0, 0).check(await context(learner))).toBeUndefined();
  });
});
