import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { withoutUrlSecrets } from '../../api/app';
import { errorBodySchema } from '../../domain/errors';
import type { EventSource } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import { buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const fixture = (platform: string, name: string) => readFileSync(path.resolve(__dirname, '..', 'fixtures', 'webhooks', platform, `${name}.json`), 'utf8');
const secrets = { TEACHABLE_WEBHOOK_SECRET: 'teach-secret', KAJABI_WEBHOOK_SECRET: 'kaj-secret', THINKIFIC_WEBHOOK_SECRET: 'thinkific-key', STRIPE_WEBHOOK_SECRET: 'whsec_test' };
const json = { 'content-type': 'application/json' };

function stripeSignature(body: string, secret: string, at = Math.floor(Date.now() / 1000)) {
  return `t=${at},v1=${createHmac('sha256', secret).update(`${at}.${body}`).digest('hex')}`;
}

describe('course-platform and Stripe webhooks', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;

  beforeAll(async () => {
    store = await openTestStore('webhooks');
    ({ app, close } = await buildTestApp(store, { env: secrets }));
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  const eventNames = async (source: EventSource) => (await store.models.learnerEvents.find({ source }).sort({ _id: 1 }).lean()).map((event) => event.name);

  it('takes a Teachable enrolment with the secret in the URL, once even when redelivered', async () => {
    const body = fixture('teachable', 'enrollment-created');
    const first = await app.inject({ method: 'POST', url: '/webhooks/teachable/teach-secret', headers: json, payload: body });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ received: true, accepted: 1 });
    const again = await app.inject({ method: 'POST', url: '/webhooks/teachable', headers: { ...json, 'x-webhook-secret': 'teach-secret' }, payload: body });
    expect(again.json()).toMatchObject({ accepted: 0, duplicates: 1 });
    expect(await eventNames('teachable')).toEqual(['Enrolled']);
  });

  it('refuses a Teachable delivery with the wrong secret and stores nothing', async () => {
    const response = await app.inject({ method: 'POST', url: '/webhooks/teachable/guess', headers: json, payload: fixture('teachable', 'lecture-progress-created') });
    expect(response.statusCode).toBe(401);
    expect(await eventNames('teachable')).toEqual(['Enrolled']);
  });

  it('verifies Thinkific HMAC signatures over the raw body', async () => {
    const body = fixture('thinkific', 'lesson-completed');
    const signature = createHmac('sha256', 'thinkific-key').update(body).digest('hex');
    const signed = await app.inject({ method: 'POST', url: '/webhooks/thinkific', headers: { ...json, 'x-thinkific-hmac-sha256': signature }, payload: body });
    expect(signed.statusCode).toBe(200);
    expect(await eventNames('thinkific')).toEqual(['Lesson Completed']);
    const tampered = await app.inject({ method: 'POST', url: '/webhooks/thinkific', headers: { ...json, 'x-thinkific-hmac-sha256': signature }, payload: body.replace('lesson', 'lessen') });
    expect(tampered.statusCode).toBe(401);
    expect(errorBodySchema.parse(tampered.json()).error.code).toBe('unauthorized');
  });

  it('turns a signed Stripe checkout into Order Completed for the buyer found by email', async () => {
    const body = fixture('stripe', 'checkout-session-completed');
    const response = await app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { ...json, 'stripe-signature': stripeSignature(body, 'whsec_test') }, payload: body });
    expect(response.statusCode).toBe(200);
    const [order] = await store.models.learnerEvents.find({ source: 'stripe' }).lean();
    expect(order).toMatchObject({ name: 'Order Completed' });
    expect(typeof (order!.properties as { revenue?: unknown }).revenue).toBe('number');
    const stale = await app.inject({ method: 'POST', url: '/webhooks/stripe', headers: { ...json, 'stripe-signature': stripeSignature(body, 'whsec_test', 1_000_000) }, payload: body });
    expect(stale.statusCode).toBe(401);
  });

  it('answers 200 "ignored" for events it does not map, and 400 naming the field for broken ones', async () => {
    const ignored = await app.inject({ method: 'POST', url: '/webhooks/kajabi/kaj-secret', headers: json, payload: fixture('kajabi', 'tag-added') });
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json()).toMatchObject({ ignored: true, accepted: 0 });

    const broken = JSON.parse(fixture('kajabi', 'purchase'));
    delete broken.payload;
    const response = await app.inject({ method: 'POST', url: '/webhooks/kajabi/kaj-secret', headers: json, payload: JSON.stringify(broken) });
    expect(response.statusCode).toBe(400);
    expect(errorBodySchema.parse(response.json()).error.code).toBe('validation_failed');

    const notJson = await app.inject({ method: 'POST', url: '/webhooks/kajabi/kaj-secret', headers: json, payload: '{"id":' });
    expect(notJson.statusCode).toBe(400);
  });

  it('says which variable to set for a platform that is not configured', async () => {
    const bare = await buildTestApp(store);
    try {
      const response = await bare.app.inject({ method: 'POST', url: '/webhooks/stripe', headers: json, payload: '{}' });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.message).toContain('STRIPE_WEBHOOK_SECRET');
    } finally {
      await bare.close();
    }
  });
});

describe('webhook secrets in URLs', () => {
  it('are left out of logged URLs', () => {
    expect(withoutUrlSecrets('/webhooks/teachable/s3cr3t')).toBe('/webhooks/teachable/[secret]');
    expect(withoutUrlSecrets('/webhooks/kajabi/s3cr3t?x=1')).toBe('/webhooks/kajabi/[secret]?x=1');
    expect(withoutUrlSecrets('/webhooks/stripe')).toBe('/webhooks/stripe');
    expect(withoutUrlSecrets('/v1/track')).toBe('/v1/track');
  });
});
