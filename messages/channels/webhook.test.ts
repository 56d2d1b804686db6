import { createHmac } from 'node:crypto';
import { DEVELOPMENT_WEBHOOK_SECRET, signWebhookBody, verifyWebhookSignature, webhookChannel } from './webhook';

const SECRET = 'whsec-unit-test-secret-0123456789';
const body = JSON.stringify({ id: 'send-1', subject: 'Welcome' });
const now = Date.UTC(2025, 2, 1, 12, 0, 0);
const t = now / 1000;

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256, hex, Stripe-style', () => {
    const expected = createHmac('sha256', SECRET).update(`${t}.${body}`).digest('hex');
    expect(signWebhookBody(SECRET, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('verifies its own signature, from a string or the raw bytes', () => {
    const header = signWebhookBody(SECRET, body, t);
    expect(verifyWebhookSignature(SECRET, header, body, now, 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(body), now, 300)).toBe(true);
  });

  it('refuses another body, another secret, a missing or malformed header', () => {
    const header = signWebhookBody(SECRET, body, t);
    expect(verifyWebhookSignature(SECRET, header, body.replace('Welcome', 'Welcome!'), now, 300)).toBe(false);
    expect(verifyWebhookSignature('another-secret-of-enough-length', header, body, now, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, undefined, body, now, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header.replace(/t=\d+/, 't=abc'), body, now, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, `t=${t}`, body, now, 300)).toBe(false);
    expect(verifyWebhookSignature('', header, body, now, 300)).toBe(false);
  });

  it('refuses a signature whose timestamp was changed (it is signed too)', () => {
    const header = signWebhookBody(SECRET, body, t);
    expect(verifyWebhookSignature(SECRET, header.replace(`t=${t}`, `t=${t + 1}`), body, now, 300)).toBe(false);
  });

  it('refuses a delivery older or newer than the tolerance (replays), and accepts one at its edge', () => {
    const header = signWebhookBody(SECRET, body, t - 300);
    expect(verifyWebhookSignature(SECRET, header, body, now, 300)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, body, now + 1_000, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, signWebhookBody(SECRET, body, t + 301), body, now, 300)).toBe(false);
  });

  it('accepts any one of several v1 signatures (secret rotation), in any case', () => {
    const good = signWebhookBody(SECRET, body, t).split('v1=')[1]!;
    expect(verifyWebhookSignature(SECRET, `t=${t},v1=${'0'.repeat(64)},v1=${good.toUpperCase()}`, body, now, 300)).toBe(true);
  });
});

describe('webhookChannel construction', () => {
  it('refuses production without a signing secret', () => {
    expect(() => webhookChannel({ NODE_ENV: 'production' })).toThrow(/WEBHOOK_SIGNING_SECRET must be set in production/);
    expect(() => webhookChannel({ NODE_ENV: 'production', WEBHOOK_SIGNING_SECRET: SECRET })).not.toThrow();
  });

  it('refuses a short secret, which could be guessed', () => {
    expect(() => webhookChannel({ NODE_ENV: 'development', WEBHOOK_SIGNING_SECRET: 'short' })).toThrow(/at least 16 characters/);
  });

  it('falls back to the known development secret outside production', () => {
    expect(() => webhookChannel({ NODE_ENV: 'development' })).not.toThrow();
    expect(DEVELOPMENT_WEBHOOK_SECRET.length).toBeGreaterThanOrEqual(16);
  });
});
