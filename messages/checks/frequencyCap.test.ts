import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { dropAndClose, openTestStore } from '../../test/support/env';
import type { SendContext, SendRequest } from '../pipeline';
import { frequencyCapCheck } from './frequencyCap';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.parse('2025-06-10T12:00:00Z');

/** The cap check against ledger entries in a real store (the query is the part worth testing). */
describe('frequencyCapCheck', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore('frequency_cap');
  });
  afterAll(async () => {
    if (store) await dropAndClose(store);
  });

  const newLearner = () => `learner-${randomUUID()}`;
  const context = (learnerId: string, request: Partial<SendRequest> = {}, at = now): SendContext => ({
    request: { idempotencyKey: `send-${randomUUID()}`, learnerId, templateId: 'offer', channel: 'email', kind: 'marketing', ...request },
    sendId: 'send',
    learner: { _id: learnerId, traits: {} } as unknown as LearnerDocument,
    traits: {},
    at,
  });
  const record = (learnerId: string, ago: number, fields: Record<string, unknown> = {}) =>
    store.models.messageSends.create({ _id: `send-${randomUUID()}`, learnerId, templateId: 'offer', channel: 'email', kind: 'marketing', status: 'sent', at: new Date(now - ago), sentAt: new Date(), createdAt: new Date(), ...fields });
  const capped = (perDay: number, perWeek: number) => frequencyCapCheck(store.models, { perDay, perWeek });

  test('lets marketing through under the cap, and holds it back at the cap until the oldest send leaves the day', async () => {
    const learner = newLearner();
    await record(learner, 3 * HOUR);
    expect(await capped(2, 10).check(context(learner))).toBeUndefined();
    await record(learner, 1 * HOUR);
    const verdict = await capped(2, 10).check(context(learner));
    expect(verdict).toEqual({ deferUntil: now - 3 * HOUR + DAY + 1_000, reason: 'frequency cap: 2 per day' });
    // Asked again at that moment (as the deferred run does), there is room.
    expect(await capped(2, 10).check(context(learner, {}, now - 3 * HOUR + DAY + 1_000))).toBeUndefined();
  });

  test('counts only the last 24 hours for the day cap, and 7 days for the week cap', async () => {
    const learner = newLearner();
    await record(learner, DAY);
    await record(learner, 6 * DAY);
    await record(learner, 7 * DAY);
    await record(learner, DAY - 1);
    expect(await capped(2, 0).check(context(learner))).toBeUndefined();
    // In the week: 6 days ago, 24 h ago and just under 24 h ago (exactly 7 days ago has left it).
    expect(await capped(0, 3).check(context(learner))).toEqual({ deferUntil: now - 6 * DAY + 7 * DAY + 1_000, reason: 'frequency cap: 3 per week' });
    expect(await capped(0, 4).check(context(learner))).toBeUndefined();
  });

  test('when both caps are reached, waits for the later of the two', async () => {
    const learner = newLearner();
    await record(learner, 5 * DAY);
    await record(learner, 2 * HOUR);
    // The day frees up in 22 h, the week only in 2 days.
    expect(await capped(1, 2).check(context(learner))).toEqual({ deferUntil: now - 5 * DAY + 7 * DAY + 1_000, reason: 'frequency cap: 2 per week' });
    expect(await capped(1, 3).check(context(learner))).toEqual({ deferUntil: now - 2 * HOUR + DAY + 1_000, reason: 'frequency cap: 1 per day' });
  });

  test('over the cap (e.g. after lowering it), waits until enough sends have left the window', async () => {
    const learner = newLearner();
    for (const ago of [5 * HOUR, 4 * HOUR, 3 * HOUR]) await record(learner, ago);
    // Two must leave for a third to fit under a cap of 2: the second oldest decides.
    expect(await capped(2, 0).check(context(learner))).toEqual({ deferUntil: now - 4 * HOUR + DAY + 1_000, reason: 'frequency cap: 2 per day' });
  });

  test('counts only sent marketing messages of this learner', async () => {
    const learner = newLearner();
    await record(learner, HOUR, { status: 'deferred' });
    await record(learner, HOUR, { status: 'skipped' });
    await record(learner, HOUR, { status: 'sending' });
    await record(learner, HOUR, { kind: 'transactional' });
    await record(newLearner(), HOUR);
    expect(await capped(1, 1).check(context(learner))).toBeUndefined();
  });

  test('falls back to sentAt for entries without a run time', async () => {
    const learner = newLearner();
    await record(learner, 0, { at: undefined, sentAt: new Date(now - 2 * HOUR) });
    expect(await capped(1, 0).check(context(learner))).toEqual({ deferUntil: now - 2 * HOUR + DAY + 1_000, reason: 'frequency cap: 1 per day' });
    const older = newLearner();
    await record(older, 0, { at: undefined, sentAt: new Date(now - 2 * DAY) });
    expect(await capped(1, 0).check(context(older))).toBeUndefined();
  });

  test('counts sends made under a profile merged into this learner', async () => {
    const survivor = newLearner();
    const mergedAway = newLearner();
    await store.models.learners.create({ _id: mergedAway, mergedInto: survivor, createdAt: new Date(), updatedAt: new Date() });
    await record(mergedAway, HOUR);
    expect(await capped(1, 0).check(context(survivor))).toEqual({ deferUntil: now - HOUR + DAY + 1_000, reason: 'frequency cap: 1 per day' });
  });

  test('never caps transactional messages, and caps nothing when both caps are 0', async () => {
    const learner = newLearner();
    await record(learner, HOUR);
    await record(learner, 2 * HOUR);
    expect(await capped(1, 1).check(context(learner, { kind: 'transactional' }))).toBeUndefined();
    expect(await capped(0, 0).check(context(learner))).toBeUndefined();
  });
});
