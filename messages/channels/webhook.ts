import { createHmac, timingSafeEqual } from 'node:crypto';
import { UndeliverableMessageError, type ChannelDelivery } from '../pipeline';

/** The header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const WEBHOOK_SIGNATURE_HEADER = 'X-Course-Journeys-Signature';

/** The secret development and tests sign with when WEBHOOK_SIGNING_SECRET is unset (never in production). */
export const DEVELOPMENT_WEBHOOK_SECRET = 'course-journeys-development-webhook-secret';

/** What a webhook receiver gets: the rendered message and the ids to match it with, never the learner's address. */
export interface WebhookPayload {
  /** The send's ledger id, also the Idempotency-Key header: a retried delivery repeats it. */
  id: string;
  messageId: string;
  learnerId: string;
  journeyId: string | null;
  nodeId: string | null;
  templateId: string;
  templateVersion: number;
  subject: string;
  html: string;
  text: string;
  /** When this attempt was made (ISO 8601). */
  sentAt: string;
}

const hmacHex = (secret: string, timestamp: string, body: string) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The signature header's value for a body sent at `timestampSeconds`. */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  const timestamp = String(Math.floor(timestampSeconds));
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/**
 * For receivers: whether `header` (the X-Course-Journeys-Signature value) signs `body` (the raw request
 * body, exactly as received) with `secret`, at a time within `toleranceSeconds` of `now` (epoch ms) —
 * the tolerance stops an intercepted delivery from being replayed later. Several v1 values may be given
 * (while a secret is being rotated); any one may match. The comparison is constant-time.
 */
export function verifyWebhookSignature(secret: string, header: string | undefined, body: string | Buffer, now: number = Date.now(), toleranceSeconds = 300): boolean {
  if (!secret || !header) return false;
  const elements = header.split(',').map((element) => {
    const separator = element.indexOf('=');
    return separator < 0 ? ['', ''] : [element.slice(0, separator).trim(), element.slice(separator + 1).trim()];
  });
  const timestamp = elements.find(([key]) => key === 't')?.[1] ?? '';
  const signatures = elements.filter(([key]) => key === 'v1').map(([, value]) => value!.toLowerCase());
  if (!/^\d{1,12}$/.test(timestamp) || signatures.length === 0) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, typeof body === 'string' ? body : body.toString('utf8')), 'utf8');
  // Every candidate is compared, so timing does not tell which one (if any) matched.
  const matched = signatures.map((signature) => {
    const given = Buffer.from(signature, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matched.includes(true) && Math.abs(now / 1000 - Number(timestamp)) <= toleranceSeconds;
}

export interface WebhookChannelOptions {
  NODE_ENV: string;
  WEBHOOK_SIGNING_SECRET?: string;
  /** How long one attempt may take before it counts as failed (and is retried); default 10 s. */
  timeoutMs?: number;
}

/** Shows where a failed request went without the query string, which may hold the receiver's own token. */
function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'an invalid URL';
  }
}

/**
 * The webhook channel: POSTs the rendered message as JSON to the step's URL, signed with HMAC-SHA256
 * (Stripe's scheme, so receivers know it) and with the send id as Idempotency-Key. A 2xx answer is
 * delivered; other 4xx answers (and redirects, which are not followed so the signed body never goes
 * elsewhere) mean the receiver refuses it for good; 408, 429, 5xx, network errors and timeouts are
 * thrown as ordinary errors so the delivery is retried with backoff.
 */
export function webhookChannel(options: WebhookChannelOptions): ChannelDelivery {
  if (!options.WEBHOOK_SIGNING_SECRET && options.NODE_ENV === 'production') throw new Error('WEBHOOK_SIGNING_SECRET must be set in production (it signs webhook-channel requests)');
  const secret = options.WEBHOOK_SIGNING_SECRET ?? DEVELOPMENT_WEBHOOK_SECRET;
  if (secret.length < 16) throw new Error('WEBHOOK_SIGNING_SECRET must be at least 16 characters');
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async deliver(message, { request, learner, sendId, messageId }) {
      const url = request.webhookUrl;
      if (!url) throw new UndeliverableMessageError('the webhook step has no URL');
      const payload: WebhookPayload = {
        id: sendId,
        messageId,
        learnerId: learner._id,
        journeyId: request.journeyId ?? null,
        nodeId: request.nodeId ?? null,
        templateId: request.templateId,
        templateVersion: message.templateVersion,
        subject: message.subject,
        html: message.html,
        text: message.text,
        sentAt: new Date().toISOString(),
      };
      const body = JSON.stringify(payload);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhookBody(secret, body, Date.now() / 1000), 'Idempotency-Key': sendId },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        // Duck-typed: the abort's DOMException and fetch's errors need not share this realm's Error.
        const { name, message, cause } = (error ?? {}) as { name?: string; message?: string; cause?: { message?: string } };
        const reason = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${message ?? String(error)}${cause?.message ? ` (${cause.message})` : ''}`;
        throw new Error(`the webhook at ${describe(url)} could not be reached, to be retried: ${reason}`);
      }
      // The answer's body is not needed; cancelling it lets the connection go.
      await response.body?.cancel().catch(() => undefined);
      const { status } = response;
      if (status >= 200 && status < 300) return { response: `HTTP ${status}` };
      if (status >= 500 || status === 408 || status === 429) throw new Error(`the webhook at ${describe(url)} answered HTTP ${status}, to be retried`);
      throw new UndeliverableMessageError(`the webhook at ${describe(url)} refused the message: HTTP ${status}`);
    },
  };
}
