import type { LearnerDocument } from '../../store/models/learner';
import type { SendContext, SendRequest } from '../pipeline';
import { quietHoursCheck } from './quietHours';

const context = (at: string, traits: Record<string, unknown>, request: Partial<SendRequest> = {}): SendContext => ({
  request: { idempotencyKey: 'key', learnerId: 'learner', templateId: 'welcome', channel: 'email', kind: 'marketing', ...request },
  sendId: 'key',
  learner: { _id: 'learner', traits } as unknown as LearnerDocument,
  traits,
  at: Date.parse(at),
});

describe('quietHoursCheck', () => {
  const check = quietHoursCheck({ quietHours: '21:00-08:00', defaultTimezone: 'Europe/Paris' });

  test('holds a marketing message back until quiet hours end in the learner’s timezone', async () => {
    // 04:00 UTC in January is 23:00 in New York; 08:00 there is 13:00 UTC.
    expect(await check.check(context('2025-01-15T04:00:00Z', { timezone: 'America/New_York' }))).toEqual({
      deferUntil: Date.parse('2025-01-15T13:00:00Z'),
      reason: 'quiet hours (21:00-08:00 America/New_York)',
    });
    expect(await check.check(context('2025-01-15T14:00:00Z', { timezone: 'America/New_York' }))).toBeUndefined();
  });

  test('uses the default timezone when the learner has none or an unknown one', async () => {
    // 04:00 UTC is 05:00 in Paris: quiet until 08:00 Paris, 07:00 UTC.
    const inParis = { deferUntil: Date.parse('2025-01-15T07:00:00Z'), reason: 'quiet hours (21:00-08:00 Europe/Paris)' };
    expect(await check.check(context('2025-01-15T04:00:00Z', {}))).toEqual(inParis);
    expect(await check.check(context('2025-01-15T04:00:00Z', { timezone: 'Mars/Olympus_Mons' }))).toEqual(inParis);
    expect(await check.check(context('2025-01-15T04:00:00Z', { timezone: 42 }))).toEqual(inParis);
  });

  test('lets transactional messages through at any hour', async () => {
    expect(await check.check(context('2025-01-15T04:00:00Z', { timezone: 'America/New_York' }, { kind: 'transactional' }))).toBeUndefined();
  });

  test('does nothing without quiet hours configured', async () => {
    expect(await quietHoursCheck({ defaultTimezone: 'UTC' }).check(context('2025-01-15T23:00:00Z', {}))).toBeUndefined();
  });

  test('refuses a malformed window or an unknown default timezone when built', () => {
    expect(() => quietHoursCheck({ quietHours: '9pm-8am', defaultTimezone: 'UTC' })).toThrow(/21:00-08:00/);
    expect(() => quietHoursCheck({ quietHours: '21:00-08:00', defaultTimezone: 'Europe/Atlantis' })).toThrow(/DEFAULT_TIMEZONE/);
  });
});
