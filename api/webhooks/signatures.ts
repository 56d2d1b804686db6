import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Authentication of incoming webhooks. Every comparison of a secret or a signature is constant-time,
 * so response timing reveals nothing about how much of a forged value was right.
 */

/** Constant-time equality of two strings; different lengths are unequal without comparing contents. */
function constantTimeEqual(given: string, expected: string): boolean {
  const givenBytes = Buffer.from(given, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  return givenBytes.length === expectedBytes.length && timingSafeEqual(givenBytes, expectedBytes);
}

function hmacSha256Hex(secret: string, ...parts: (string | Buffer)[]): string {
  const hmac = createHmac('sha256', secret);
  for (const part of parts) hmac.update(part);
  return hmac.digest('hex');
}

/**
 * Thinkific: `X-Thinkific-Hmac-Sha256` is the hex HMAC-SHA256 of the raw request body, keyed with the
 * site's API key (or, for an app, its client secret). Pass the body exactly as received.
 */
export function verifyThinkificSignature(rawBody: string | Buffer, headerValue: string | undefined, secret: string): boolean {
  if (!headerValue || !secret) return false;
  return constantTimeEqual(headerValue.trim().toLowerCase(), hmacSha256Hex(secret, rawBody));
}

export type StripeSignatureCheck = { ok: true } | { ok: false; reason: string };
export interface StripeSignatureOptions {
  /** How far the signed timestamp may be from now, in seconds (Stripe's libraries default to 300). */
  toleranceSeconds?: number;
  /** The current time in milliseconds; tests pass a fixed clock. */
  now?: number;
}

/**
 * Stripe's scheme: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]`, where each v1 is the
 * HMAC-SHA256 of `<t>.<raw body>` keyed with the endpoint's signing secret (`whsec_…`). Any one v1 may
 * match (Stripe sends several while a secret is being rolled); v0 and other schemes are ignored. The
 * timestamp must be within the tolerance either way, which stops replays of old deliveries.
 */
export function verifyStripeSignature(
  rawBody: string | Buffer,
  headerValue: string | undefined,
  endpointSecret: string,
  { toleranceSeconds = 300, now = Date.now() }: StripeSignatureOptions = {},
): StripeSignatureCheck {
  if (!endpointSecret) return { ok: false, reason: 'no endpoint secret is configured' };
  if (!headerValue) return { ok: false, reason: 'the Stripe-Signature header is missing' };

  const elements = headerValue.split(',').map((element) => {
    const separator = element.indexOf('=');
    return separator < 0 ? { key: element.trim(), value: '' } : { key: element.slice(0, separator).trim(), value: element.slice(separator + 1).trim() };
  });
  const timestamp = elements.find((element) => element.key === 't')?.value ?? '';
  const signatures = elements.filter((element) => element.key === 'v1').map((element) => element.value.toLowerCase());
  if (!/^\d+$/.test(timestamp)) return { ok: false, reason: 'the Stripe-Signature header has no timestamp' };
  if (signatures.length === 0) return { ok: false, reason: 'the Stripe-Signature header has no v1 signature' };

  const expected = hmacSha256Hex(endpointSecret, `${timestamp}.`, rawBody);
  // Every candidate is compared, so timing does not reveal which one (if any) matched.
  const matched = signatures.map((signature) => constantTimeEqual(signature, expected)).includes(true);
  if (!matched) return { ok: false, reason: 'no v1 signature matches the body' };

  const ageSeconds = Math.abs(now / 1000 - Number(timestamp));
  if (ageSeconds > toleranceSeconds) return { ok: false, reason: `the signature timestamp is outside the ${toleranceSeconds} s tolerance` };
  return { ok: true };
}

/**
 * For platforms that do not sign their webhooks (Teachable, Kajabi): the route's per-source secret
 * (in a header or the URL) must equal the configured one. Both sides are hashed first, so the
 * comparison is constant-time and of equal length whatever was sent.
 */
export function verifySharedSecret(given: string | undefined, expected: string): boolean {
  if (!given || !expected) return false;
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
