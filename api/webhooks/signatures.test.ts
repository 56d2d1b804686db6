import { createHmac } from 'node:crypto';
import { verifySharedSecret, verifyStripeSignature, verifyThinkificSignature } from './signatures';

const hmacHex = (secret: string, payload: string) => createHmac('sha256', secret).update(payload).digest('hex');

describe('Thinkific signatures', () => {
  const secret = 'site-api-key-3f9a';
  const body = '{"id":"20260110140001123400001","resource":"enrollment","action":"created","payload":{"id":7700123}}';
  const signature = hmacHex(secret, body);

  it('accepts the hex HMAC-SHA256 of the raw body, given as a string or a Buffer, in any case', () => {
    expect(verifyThinkificSignature(body, signature, secret)).toBe(true);
    expect(verifyThinkificSignature(Buffer.from(body), signature.toUpperCase(), secret)).toBe(true);
  });

  it('rejects a tampered body, a wrong secret, a missing or malformed header and an empty secret', () => {
    expect(verifyThinkificSignature(body.replace('7700123', '7700124'), signature, secret)).toBe(false);
    expect(verifyThinkificSignature(body, hmacHex('another-key', body), secret)).toBe(false);
    expect(verifyThinkificSignature(body, undefined, secret)).toBe(false);
    expect(verifyThinkificSignature(body, signature.slice(0, 10), secret)).toBe(false);
    expect(verifyThinkificSignature(body, hmacHex('', body), '')).toBe(false);
  });
});

describe('Stripe signatures', () => {
  const secret = 'whsec_test_5d1c0e9b7a';
  const body = '{"id":"evt_1Qx7Lp2eZvKYlo2C9d3f5g7h","type":"checkout.session.completed"}';
  const now = Date.UTC(2026, 2, 20, 11, 11, 5);
  const timestamp = Math.floor(now / 1000) - 4;
  const sign = (payloadSecret: string, at = timestamp, payload = body) => hmacHex(payloadSecret, `${at}.${payload}`);
  const header = (...signatures: string[]) => [`t=${timestamp}`, ...signatures.map((signature) => `v1=${signature}`)].join(',');

  it('accepts a valid v1 signature within the tolerance', () => {
    expect(verifyStripeSignature(body, header(sign(secret)), secret, { now })).toEqual({ ok: true });
    expect(verifyStripeSignature(Buffer.from(body), `${header(sign(secret))},v0=ignored`, secret, { now })).toEqual({ ok: true });
  });

  it('accepts when any of several v1 signatures matches, as while a secret is rolled', () => {
    expect(verifyStripeSignature(body, header(sign('whsec_old'), sign(secret)), secret, { now })).toEqual({ ok: true });
  });

  it('rejects a tampered body and a wrong secret', () => {
    expect(verifyStripeSignature(`${body} `, header(sign(secret)), secret, { now })).toEqual({ ok: false, reason: 'no v1 signature matches the body' });
    expect(verifyStripeSignature(body, header(sign('whsec_other')), secret, { now })).toEqual({ ok: false, reason: 'no v1 signature matches the body' });
  });

  it('rejects a stale timestamp, even correctly signed, and honours a custom tolerance', () => {
    const stale = timestamp - 301;
    const staleHeader = `t=${stale},v1=${sign(secret, stale)}`;
    expect(verifyStripeSignature(body, staleHeader, secret, { now })).toEqual({ ok: false, reason: 'the signature timestamp is outside the 300 s tolerance' });
    expect(verifyStripeSignature(body, staleHeader, secret, { now, toleranceSeconds: 600 })).toEqual({ ok: true });
    const future = timestamp + 3600;
    expect(verifyStripeSignature(body, `t=${future},v1=${sign(secret, future)}`, secret, { now }).ok).toBe(false);
  });

  it('uses the real clock when none is given', () => {
    const current = Math.floor(Date.now() / 1000);
    expect(verifyStripeSignature(body, `t=${current},v1=${sign(secret, current)}`, secret)).toEqual({ ok: true });
  });

  it('rejects a missing header, one without timestamp or v1 signature, and an empty secret', () => {
    expect(verifyStripeSignature(body, undefined, secret, { now })).toEqual({ ok: false, reason: 'the Stripe-Signature header is missing' });
    expect(verifyStripeSignature(body, `v1=${sign(secret)}`, secret, { now })).toEqual({ ok: false, reason: 'the Stripe-Signature header has no timestamp' });
    expect(verifyStripeSignature(body, `t=${timestamp},v0=${sign(secret)}`, secret, { now })).toEqual({ ok: false, reason: 'the Stripe-Signature header has no v1 signature' });
    expect(verifyStripeSignature(body, `t=soon,v1=${sign(secret)}`, secret, { now }).ok).toBe(false);
    expect(verifyStripeSignature(body, header(sign('')), '', { now })).toEqual({ ok: false, reason: 'no endpoint secret is configured' });
  });
});

describe('shared secrets', () => {
  it('accepts only the exact secret', () => {
    expect(verifySharedSecret('kj_hook_7c2e91', 'kj_hook_7c2e91')).toBe(true);
    expect(verifySharedSecret('kj_hook_7c2e92', 'kj_hook_7c2e91')).toBe(false);
    expect(verifySharedSecret('kj_hook', 'kj_hook_7c2e91')).toBe(false);
    expect(verifySharedSecret('kj_hook_7c2e91 and more', 'kj_hook_7c2e91')).toBe(false);
  });

  it('rejects a missing secret, and everything when none is configured', () => {
    expect(verifySharedSecret(undefined, 'kj_hook_7c2e91')).toBe(false);
    expect(verifySharedSecret('', 'kj_hook_7c2e91')).toBe(false);
    expect(verifySharedSecret('', '')).toBe(false);
  });
});
