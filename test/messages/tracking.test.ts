import type { FastifyInstance } from 'fastify';
import { TRANSPARENT_GIF } from '../../api/routes/messageTracking';
import { historyOf, type BehaviourSummary } from '../../domain/segments/behaviour';
import type { Ingestion } from '../../ingestion/pipeline';
import type { RenderedMessage, SendContext } from '../../messages/pipeline';
import { MessageTokens, type TokenClaims } from '../../messages/tokens';
import { EngagementRecorder } from '../../messages/tracking/engagement';
import { trackingDecorator } from '../../messages/tracking/trackingDecorator';
import type { Store } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const SECRET = 'tracking-integration-test-secret';
// buildTestApp's API answers at this public URL; the decorator must write links it serves.
const PUBLIC_URL = 'http://localhost:3000';
const tokens = new MessageTokens(SECRET);

describe('message tracking through the real API and store', () => {
  let store: Store;
  let app: FastifyInstance;
  let ingestion: Ingestion;
  let close: () => Promise<void>;
  let sendCounter = 0;

  beforeAll(async () => {
    store = await openTestStore('msg_tracking');
    let runtime;
    ({ app, close, runtime } = await buildTestApp(store, { env: { MESSAGE_TOKEN_SECRET: SECRET } }));
    ingestion = runtime.ingestion;
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  /** A learner, a sent message in the ledger, and that message decorated for them. */
  async function sentMessage(html: string, text = '') {
    sendCounter += 1;
    const userId = `learner-${sendCounter}`;
    const result = await ingestion.ingest([{ type: 'identify', userId, traits: { email: `${userId}@example.com`, firstName: 'Ada' } }], { source: 'api' });
    const learnerId = result.learnerIds[0]!;
    const sendId = `journey-onboarding-${learnerId}-node-welcome-1`;
    await store.models.messageSends.create({ _id: sendId, learnerId, journeyId: 'onboarding', templateId: 'welcome', variant: 'B', channel: 'email', kind: 'marketing', status: 'sent', createdAt: new Date() });
    const learner = (await store.models.learners.findById(learnerId).lean<LearnerDocument>())!;
    const context: SendContext = {
      request: { idempotencyKey: sendId, learnerId, templateId: 'welcome', channel: 'email', kind: 'marketing', journeyId: 'onboarding' },
      sendId,
      learner,
      traits: learner.traits as Record<string, unknown>,
      at: Date.now(),
    };
    const rendered: RenderedMessage = { subject: 'Welcome', html, text, templateVersion: 1, variant: 'B', headers: {} };
    const message = await trackingDecorator({ tokens, publicUrl: PUBLIC_URL }).decorate(rendered, context);
    return { learnerId, sendId, message };
  }

  const pathOf = (url: string) => url.slice(PUBLIC_URL.length);
  const clickLinks = (html: string) => [...html.matchAll(/href="(http:\/\/localhost:3000\/m\/c\/[^"]+)"/g)].map((match) => match[1]!);
  const pixelOf = (html: string) => /<img src="(http:\/\/localhost:3000\/m\/o\/[^"]+)"/.exec(html)![1]!;
  const eventsOf = (learnerId: string) => store.models.learnerEvents.find({ learnerId, name: { $in: ['Email Opened', 'Email Clicked'] } }).lean();
  const ledger = (sendId: string) => store.models.messageSends.findById(sendId).lean();

  it('redirects a click to the page with UTM tags, records Email Clicked for the learner and counts it in the ledger', async () => {
    const { learnerId, sendId, message } = await sentMessage('<html><body><a href="https://school.test/courses/ux?ref=mail">Start</a></body></html>');
    const [link] = clickLinks(message.html);

    const response = await app.inject({ method: 'GET', url: pathOf(link!) });

    expect(response.statusCode).toBe(302);
    const target = 'https://school.test/courses/ux?ref=mail&utm_source=course-journeys&utm_medium=email&utm_campaign=onboarding&utm_content=welcome-B';
    expect(response.headers.location).toBe(target);
    expect(response.headers['cache-control']).toBe('no-store');
    const events = await eventsOf(learnerId);
    expect(events).toEqual([
      expect.objectContaining({ learnerId, name: 'Email Clicked', type: 'track', source: 'email', properties: { sendId, journeyId: 'onboarding', templateId: 'welcome', variant: 'B', url: target } }),
    ]);
    const entry = await ledger(sendId);
    expect(entry).toMatchObject({ clickCount: 1, firstClickedAt: events[0]!.timestamp });
    expect(entry?.openCount).toBeUndefined();
    // Announced through the ingestion hook: the segment engine recorded it in the summary rules read.
    const learner = await store.models.learners.findById(learnerId).lean<LearnerDocument>();
    expect(historyOf(learner!.behaviour as BehaviourSummary, 'Email Clicked')).toMatchObject({ count: 1, items: [expect.objectContaining({ props: expect.objectContaining({ sendId, templateId: 'welcome' }) })] });
  });

  it('answers the open pixel with an uncached transparent GIF and records Email Opened once', async () => {
    const { learnerId, sendId, message } = await sentMessage('<html><body><p>Hi</p></body></html>');

    const response = await app.inject({ method: 'GET', url: pathOf(pixelOf(message.html)) });

    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/gif');
    expect(response.headers['cache-control']).toContain('no-store');
    expect(response.rawPayload.equals(TRANSPARENT_GIF)).toBe(true);
    const events = await eventsOf(learnerId);
    expect(events).toEqual([expect.objectContaining({ name: 'Email Opened', source: 'email', properties: { sendId, journeyId: 'onboarding', templateId: 'welcome', variant: 'B' } })]);
    expect(await ledger(sendId)).toMatchObject({ openCount: 1, firstOpenedAt: events[0]!.timestamp });
  });

  it('records nothing for a HEAD probe (link scanners), yet answers it', async () => {
    const { learnerId, sendId, message } = await sentMessage('<a href="https://school.test/">x</a>');
    const pixel = await app.inject({ method: 'HEAD', url: pathOf(pixelOf(message.html)) });
    const click = await app.inject({ method: 'HEAD', url: pathOf(clickLinks(message.html)[0]!) });
    expect([pixel.statusCode, click.statusCode]).toEqual([200, 302]);
    expect(await eventsOf(learnerId)).toEqual([]);
    expect(await ledger(sendId)).not.toHaveProperty('openCount');
  });

  describe('forged, altered, expired and misused tokens', () => {
    let learnerId: string;
    let sendId: string;
    let clickToken: string;
    let openToken: string;
    let claims: TokenClaims;

    beforeAll(async () => {
      const sent = await sentMessage('<a href="https://school.test/">x</a>');
      ({ learnerId, sendId } = sent);
      clickToken = clickLinks(sent.message.html)[0]!.split('/m/c/')[1]!;
      openToken = pixelOf(sent.message.html).split('/m/o/')[1]!.replace(/\.gif$/, '');
      claims = tokens.verify('click', clickToken)!;
      expect(claims).toMatchObject({ sendId, learnerId });
    });

    const [payloadOf, signatureOf] = [(token: string) => token.split('.')[0]!, (token: string) => token.split('.')[1]!];
    const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

    const forgeries = (): Record<string, { click: string; open: string }> => ({
      'altered payload (another target, same signature)': {
        click: `${encode({ ...claims, url: 'https://evil.test/' })}.${signatureOf(clickToken)}`,
        open: `${encode({ sendId, learnerId: 'someone-else' })}.${signatureOf(openToken)}`,
      },
      'altered signature': { click: `${payloadOf(clickToken)}.${flip(signatureOf(clickToken), 5)}`, open: `${payloadOf(openToken)}.${flip(signatureOf(openToken), 5)}` },
      'signed with another secret': {
        click: new MessageTokens('another-secret-of-enough-length').sign('click', claims),
        open: new MessageTokens('another-secret-of-enough-length').sign('open', { sendId, learnerId }),
      },
      expired: { click: tokens.sign('click', { ...claims, expiresAt: Date.now() - 1_000 }), open: tokens.sign('open', { sendId, learnerId, expiresAt: Date.now() - 1_000 }) },
      'the other tracking purpose': { click: openToken, open: clickToken },
      'unsubscribe purpose': { click: tokens.sign('unsubscribe', claims), open: tokens.sign('unsubscribe', { sendId, learnerId }) },
      'no send id': { click: tokens.sign('click', { learnerId, url: 'https://school.test/' }), open: tokens.sign('open', { learnerId }) },
      garbage: { click: 'not-a-token', open: 'not.a.token' },
    });

    it('refuses every click with the same 404 and serves the same GIF for every pixel, changing nothing', async () => {
      const eventsBefore = await store.models.learnerEvents.countDocuments();
      const ledgerBefore = await ledger(sendId);
      const bodies = new Set<string>();
      for (const [name, forged] of Object.entries(forgeries())) {
        const click = await app.inject({ method: 'GET', url: `/m/c/${forged.click}` });
        expect([name, click.statusCode, click.headers.location]).toEqual([name, 404, undefined]);
        const { error } = click.json() as { error: { code: string; message: string } };
        bodies.add(JSON.stringify({ code: error.code, message: error.message }));
        expect(click.body).not.toContain(learnerId);

        const pixel = await app.inject({ method: 'GET', url: `/m/o/${forged.open}.gif` });
        expect([name, pixel.statusCode, pixel.headers['content-type']]).toEqual([name, 200, 'image/gif']);
        expect(pixel.rawPayload.equals(TRANSPARENT_GIF)).toBe(true);
      }
      // One answer for all of them: which check failed is not revealed.
      expect([...bodies]).toEqual([JSON.stringify({ code: 'not_found', message: 'This link is not valid or has expired.' })]);
      expect(await store.models.learnerEvents.countDocuments()).toBe(eventsBefore);
      expect(await ledger(sendId)).toEqual(ledgerBefore);
    });

    it('still accepts the genuine tokens (the forgeries were refused for what they are)', async () => {
      const click = await app.inject({ method: 'GET', url: `/m/c/${clickToken}` });
      expect(click.statusCode).toBe(302);
      await app.inject({ method: 'GET', url: `/m/o/${openToken}.gif` });
      expect(await ledger(sendId)).toMatchObject({ clickCount: 1, openCount: 1 });
    });
  });

  it('redirects a valid link of an erased learner but records nothing about them', async () => {
    const { learnerId, sendId, message } = await sentMessage('<a href="https://school.test/">x</a>');
    await store.models.learners.deleteOne({ _id: learnerId });
    const click = await app.inject({ method: 'GET', url: pathOf(clickLinks(message.html)[0]!) });
    expect(click.statusCode).toBe(302);
    expect(await eventsOf(learnerId)).toEqual([]);
    expect(await ledger(sendId)).not.toHaveProperty('clickCount');
  });

  it('counts a repeated open or click within one second once, and again a second later', async () => {
    const { learnerId, sendId } = await sentMessage('<p>x</p>');
    const recorder = new EngagementRecorder(store.models, ingestion);
    const at = Date.parse('2026-05-04T09:00:00.250Z');
    expect(await recorder.record({ sendId, learnerId }, { kind: 'open' }, at)).toBe(true);
    expect(await recorder.record({ sendId, learnerId }, { kind: 'open' }, at + 600)).toBe(false);
    expect(await recorder.record({ sendId, learnerId }, { kind: 'open' }, at + 1_000)).toBe(true);
    expect(await recorder.record({ sendId, learnerId }, { kind: 'click', url: 'https://school.test/a' }, at)).toBe(true);
    // Another link in the same second is another click.
    expect(await recorder.record({ sendId, learnerId }, { kind: 'click', url: 'https://school.test/b' }, at)).toBe(true);
    expect(await recorder.record({ sendId, learnerId }, { kind: 'click', url: 'https://school.test/b' }, at + 100)).toBe(false);

    const events = await eventsOf(learnerId);
    expect(events.map((event) => event.name).sort()).toEqual(['Email Clicked', 'Email Clicked', 'Email Opened', 'Email Opened']);
    expect(await ledger(sendId)).toMatchObject({ openCount: 2, clickCount: 2, firstOpenedAt: new Date(at), firstClickedAt: new Date(at) });
    // An earlier moment arriving later (clock skew between API processes) still becomes the first.
    await recorder.record({ sendId, learnerId }, { kind: 'open' }, at - 60_000);
    expect(await ledger(sendId)).toMatchObject({ openCount: 3, firstOpenedAt: new Date(at - 60_000) });
  });
});
