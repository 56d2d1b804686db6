import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { TemplateCatalog } from '../../api/templates/templateCatalog';
import { Ingestion } from '../../ingestion/pipeline';
import { createMessageSender } from '../../messages/createSender';
import type { Mailer, OutgoingEmail } from '../../messages/mailer';
import { suppress } from '../../messages/suppressions';
import { messageTokensFrom } from '../../messages/tokens';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore, testConfig } from '../support/env';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const pathOf = (url: string) => new URL(url).pathname;

describe('consent, preference pages and suppressions on the real store and API', () => {
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let ingestion: Ingestion;
  let admin: Record<string, string>;
  let adminKeyId: string;
  const tokens = messageTokensFrom(testConfig().env);

  beforeAll(async () => {
    store = await openTestStore('consentapi');
    ingestion = new Ingestion(store.models);
    built = await buildTestApp(store, { ingestion });
    app = built.app;
    const key = await new ApiKeys(store.models).create({ name: 'compliance', kind: 'admin' });
    admin = bearer(key.secret);
    adminKeyId = key.id;
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  let counter = 0;
  const learner = async (traits: Record<string, unknown> = {}) => {
    counter += 1;
    const email = `learner-${counter}-${Date.now()}@example.com`;
    const result = await ingestion.ingest([{ type: 'identify', userId: `consent-${counter}-${Date.now()}`, traits: { firstName: 'Ada', email, ...traits } }], { source: 'api' });
    return { learnerId: result.learnerIds[0]!, email };
  };
  const consentOf = async (learnerId: string) => (await app.inject({ url: `/api/learners/${learnerId}/consent`, headers: admin })).json();
  const statusOf = async (learnerId: string, topic: string) => (await consentOf(learnerId)).topics.find((entry: { topic: string }) => entry.topic === topic);
  const auditOf = (learnerId: string) => store.models.auditLog.find({ learnerId }).sort({ at: 1 }).lean();
  const setConsent = (learnerId: string, topic: string, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/learners/${learnerId}/consent/${topic}`, headers: admin, payload });
  const issuePaths = (body: { error: { details: { issues: { path: (string | number)[] }[] } } }) => body.error.details.issues.map((issue) => issue.path.join('.'));

  it('documents the admin routes and the pages in the OpenAPI spec', async () => {
    const spec = await app.inject('/docs/json');
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toEqual(expect.arrayContaining(['/api/topics', '/api/learners/{learnerId}/consent/{topic}', '/api/suppressions/{address}', '/unsubscribe/{*}', '/preferences/{*}']));
  });

  describe('topics', () => {
    it('has the default topics without setup, and creates more (double opt-in optional)', async () => {
      const listed = await app.inject({ url: '/api/topics', headers: admin });
      expect(listed.statusCode).toBe(200);
      expect(listed.json().topics.map((topic: { id: string; name: string }) => [topic.id, topic.name])).toEqual([
        ['course-updates', 'Course updates'],
        ['promotions', 'Offers and promotions'],
      ]);
      const created = await app.inject({ method: 'POST', url: '/api/topics', headers: admin, payload: { id: 'webinars', name: 'Webinars', doubleOptIn: true } });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({ id: 'webinars', name: 'Webinars', doubleOptIn: true });
      expect((await app.inject({ url: '/api/topics', headers: admin })).json().topics.map((topic: { id: string }) => topic.id)).toEqual(['course-updates', 'promotions', 'webinars']);
    });

    it('refuses a duplicate (409), a bad id (400 naming it), and callers without an admin key', async () => {
      const duplicate = await app.inject({ method: 'POST', url: '/api/topics', headers: admin, payload: { id: 'promotions', name: 'Again' } });
      expect(duplicate.statusCode).toBe(409);
      expect(duplicate.json().error.message).toContain('promotions');
      const bad = await app.inject({ method: 'POST', url: '/api/topics', headers: admin, payload: { id: 'Not A Slug', name: '' } });
      expect(bad.statusCode).toBe(400);
      expect(issuePaths(bad.json())).toEqual(expect.arrayContaining(['id', 'name']));
      expect((await app.inject({ url: '/api/topics' })).statusCode).toBe(401);
      const write = bearer((await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret);
      expect((await app.inject({ url: '/api/topics', headers: write })).statusCode).toBe(403);
    });
  });

  describe('consent API', () => {
    it('shows the defaults, records a change with its source, and audits it with the key as actor', async () => {
      const { learnerId } = await learner();
      const before = await consentOf(learnerId);
      expect(before).toMatchObject({ learnerId, unsubscribedFromAll: false });
      expect(before.topics.find((entry: { topic: string }) => entry.topic === 'promotions')).toEqual({ topic: 'promotions', name: 'Offers and promotions', doubleOptIn: false, status: 'opted_in', recorded: false, receives: true });

      const changed = await setConsent(learnerId, 'promotions', { status: 'opted_out', source: 'support-ticket' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ changed: true, consent: { topic: 'promotions', status: 'opted_out', recorded: true, source: 'support-ticket', receives: false } });
      expect(changed.json()).not.toHaveProperty('confirmationUrl');
      const record = await store.models.consents.findById(`${learnerId}:promotions`).lean();
      expect(record).toMatchObject({ learnerId, topic: 'promotions', status: 'opted_out', source: 'support-ticket', at: expect.any(Date) });

      // Saying the same again changes and audits nothing.
      expect((await setConsent(learnerId, 'promotions', { status: 'opted_out' })).json().changed).toBe(false);
      const audit = await auditOf(learnerId);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ kind: 'consent', learnerId, actor: `api:${adminKeyId}`, details: { topic: 'promotions', from: 'opted_in', to: 'opted_out', source: 'support-ticket' } });
    });

    it('names what is wrong: unknown topic, unknown learner, bad status', async () => {
      const { learnerId } = await learner();
      const unknownTopic = await setConsent(learnerId, 'no-such-topic', { status: 'opted_in' });
      expect(unknownTopic.statusCode).toBe(404);
      expect(unknownTopic.json().error).toMatchObject({ code: 'not_found', message: expect.stringContaining('no-such-topic'), details: { field: 'topic' } });
      const unknownLearner = await setConsent('lrn_nobody', 'promotions', { status: 'opted_in' });
      expect(unknownLearner.statusCode).toBe(404);
      expect(unknownLearner.json().error.message).toContain('lrn_nobody');
      expect((await app.inject({ url: '/api/learners/lrn_nobody/consent', headers: admin })).statusCode).toBe(404);
      const badStatus = await setConsent(learnerId, 'promotions', { status: 'maybe' });
      expect(badStatus.statusCode).toBe(400);
      expect(issuePaths(badStatus.json())).toEqual(['status']);
      const badTopic = await setConsent(learnerId, 'Bad%20Topic', { status: 'opted_in' });
      expect(badTopic.statusCode).toBe(400);
      expect(badTopic.json().error.details.location).toBe('params');
      expect(await auditOf(learnerId)).toHaveLength(0);
    });

    it('double opt-in: opting in leaves the topic pending with a signed link; following it confirms once', async () => {
      const { learnerId, email } = await learner();
      // A double opt-in topic is not received without a confirmed opt-in.
      expect(await statusOf(learnerId, 'webinars')).toMatchObject({ status: 'opted_out', recorded: false, receives: false });
      const pending = await setConsent(learnerId, 'webinars', { status: 'opted_in', source: 'signup-form' });
      expect(pending.json()).toMatchObject({ changed: true, consent: { status: 'pending', receives: false } });
      const link: string = pending.json().confirmationUrl;
      expect(link).toMatch(/^http:\/\/localhost:3000\/preferences\/confirm\/[\w-]+\.[\w-]+$/);
      // The learner gets the link by mail (in the test SMTP catcher).
      expect(pending.json().confirmationMailed).toBe(true);
      const inbox = (await (await fetch(`${testConfig().smtp.inboxUrl}/api/email`)).json()) as { to: { address: string }[]; text: string }[];
      expect(inbox.filter((mail) => mail.to.some((to) => to.address === email)).map((mail) => mail.text.includes(link))).toEqual([true]);

      const confirmed = await app.inject({ url: pathOf(link) });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.body).toContain('subscribed to Webinars');
      expect(await statusOf(learnerId, 'webinars')).toMatchObject({ status: 'opted_in', source: 'double_opt_in', receives: true });
      expect((await app.inject({ url: pathOf(link) })).statusCode).toBe(200);
      const audit = await auditOf(learnerId);
      expect(audit.map((entry) => [entry.actor, entry.details])).toEqual([
        [`api:${adminKeyId}`, { topic: 'webinars', from: 'opted_out', to: 'pending', source: 'signup-form' }],
        ['learner', { topic: 'webinars', from: 'pending', to: 'opted_in', source: 'double_opt_in' }],
      ]);
      // An opt-in already confirmed elsewhere skips the pending step.
      const other = await learner();
      expect((await setConsent(other.learnerId, 'webinars', { status: 'opted_in', confirmed: true })).json()).toMatchObject({ consent: { status: 'opted_in' } });
    });

    it('a stale confirmation link does not undo a later opt-out', async () => {
      const { learnerId } = await learner();
      const link: string = (await setConsent(learnerId, 'webinars', { status: 'opted_in' })).json().confirmationUrl;
      await setConsent(learnerId, 'webinars', { status: 'opted_out' });
      expect((await app.inject({ url: pathOf(link) })).statusCode).toBe(404);
      expect(await statusOf(learnerId, 'webinars')).toMatchObject({ status: 'opted_out' });
    });

    it('unsubscribes from all marketing through the API: trait, Unsubscribed event, audit', async () => {
      const { learnerId } = await learner();
      const response = await app.inject({ method: 'PUT', url: `/api/learners/${learnerId}/consent`, headers: admin, payload: { unsubscribedFromAll: true } });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ unsubscribedFromAll: true });
      expect(response.json().topics.every((topic: { receives: boolean }) => !topic.receives)).toBe(true);
      expect((await store.models.learners.findById(learnerId).lean())!.traits).toMatchObject({ unsubscribed: true });
      expect(await store.models.learnerEvents.countDocuments({ learnerId, name: 'Unsubscribed' })).toBe(1);
      expect((await auditOf(learnerId)).map((entry) => entry.details)).toEqual([{ topic: 'all-marketing', from: 'opted_in', to: 'opted_out', source: 'api' }]);
    });
  });

  describe('public pages', () => {
    const preferencesPath = (learnerId: string) => `/preferences/${tokens.sign('preferences', { learnerId, sendId: 'run-x:mail:1' })}`;
    const unsubscribePath = (learnerId: string, topic?: string) => `/unsubscribe/${tokens.sign('unsubscribe', { learnerId, sendId: 'run-x:mail:1', ...(topic ? { topic } : {}) })}`;

    it("renders an accessible preference page with the learner's topics, no API key needed", async () => {
      const { learnerId, email } = await learner();
      await setConsent(learnerId, 'promotions', { status: 'opted_out' });
      const page = await app.inject({ url: preferencesPath(learnerId) });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const html = page.body;
      expect(html).toMatch(/<html lang="en">/);
      expect(html).toContain('<form method="post">');
      expect(html).toContain(':focus-visible');
      expect(html).not.toContain('<script');
      for (const [topic, name] of [['course-updates', 'Course updates'], ['promotions', 'Offers and promotions'], ['webinars', 'Webinars']]) {
        expect(html).toMatch(new RegExp(`<input type="checkbox" id="topic-${topic}" name="topic" value="${topic}"`));
        expect(html).toContain(`<label for="topic-${topic}">${name}</label>`);
      }
      expect(html).toMatch(/id="topic-course-updates"[^>]* checked/);
      expect(html).not.toMatch(/id="topic-promotions"[^>]* checked/);
      expect(html).toMatch(/<input type="checkbox" id="unsubscribe-all" name="unsubscribe_all" value="yes"(?! checked)/);
      expect(html).toContain('<label for="unsubscribe-all">');
      expect(html).toContain('<button type="submit">');
      // The page identifies nobody to whoever holds the link.
      expect(html).not.toContain(email);
      expect(html).not.toContain('Ada');
    });

    it('saves the choices posted from the page, audited with the learner as actor', async () => {
      const { learnerId } = await learner();
      const saved = await app.inject({ method: 'POST', url: preferencesPath(learnerId), headers: form, payload: 'form=preferences&topic=promotions&topic=webinars' });
      expect(saved.statusCode).toBe(200);
      expect(saved.body).toContain('role="status"');
      expect(saved.body).toMatch(/id="topic-promotions"[^>]* checked/);
      const consent = await consentOf(learnerId);
      expect(consent.topics.map((topic: { topic: string; status: string }) => `${topic.topic}:${topic.status}`)).toEqual(['course-updates:opted_out', 'promotions:opted_in', 'webinars:opted_in']);
      const audit = await auditOf(learnerId);
      expect(audit.every((entry) => entry.actor === 'learner' && (entry.details as { source: string }).source === 'preference_page')).toBe(true);
      // Only changes are written: promotions was on by default and stays an unrecorded default
      // (a pre-ticked box left ticked is no evidence of consent).
      expect(audit.map((entry) => (entry.details as { topic: string }).topic).sort()).toEqual(['course-updates', 'webinars']);
      expect(await statusOf(learnerId, 'promotions')).toMatchObject({ status: 'opted_in', recorded: false });

      // Ticking "all marketing" sets the global opt-out and tells journeys (Unsubscribed event).
      await app.inject({ method: 'POST', url: preferencesPath(learnerId), headers: form, payload: 'form=preferences&topic=promotions&topic=webinars&unsubscribe_all=yes' });
      expect(await consentOf(learnerId)).toMatchObject({ unsubscribedFromAll: true });
      expect(await store.models.learnerEvents.countDocuments({ learnerId, name: 'Unsubscribed' })).toBe(1);
      // And unticking it lifts the opt-out again.
      await app.inject({ method: 'POST', url: preferencesPath(learnerId), headers: form, payload: 'form=preferences&topic=promotions&topic=webinars' });
      expect(await consentOf(learnerId)).toMatchObject({ unsubscribedFromAll: false });
      expect((await auditOf(learnerId)).filter((entry) => (entry.details as { topic: string }).topic === 'all-marketing').map((entry) => (entry.details as { to: string }).to)).toEqual(['opted_out', 'opted_in']);
    });

    it('changes nothing for a post that is not the form', async () => {
      const { learnerId } = await learner();
      const response = await app.inject({ method: 'POST', url: preferencesPath(learnerId), headers: form, payload: '' });
      expect(response.statusCode).toBe(400);
      expect(await auditOf(learnerId)).toHaveLength(0);
    });

    it('GET on an unsubscribe link only asks; the one-click POST unsubscribes from the topic at once', async () => {
      const { learnerId } = await learner();
      const path = unsubscribePath(learnerId, 'promotions');
      for (let i = 0; i < 2; i += 1) {
        const asked = await app.inject({ url: path });
        expect(asked.statusCode).toBe(200);
        expect(asked.body).toContain('Offers and promotions');
        expect(asked.body).toContain('<input type="hidden" name="List-Unsubscribe" value="One-Click">');
      }
      expect(await statusOf(learnerId, 'promotions')).toMatchObject({ status: 'opted_in', recorded: false });
      expect(await auditOf(learnerId)).toHaveLength(0);

      const clicked = await app.inject({ method: 'POST', url: path, headers: form, payload: 'List-Unsubscribe=One-Click' });
      expect(clicked.statusCode).toBe(200);
      expect(await statusOf(learnerId, 'promotions')).toMatchObject({ status: 'opted_out', source: 'one_click', receives: false });
      expect(await statusOf(learnerId, 'course-updates')).toMatchObject({ status: 'opted_in' });
      expect((await auditOf(learnerId)).map((entry) => [entry.actor, entry.details])).toEqual([['learner', { topic: 'promotions', from: 'opted_in', to: 'opted_out', source: 'one_click' }]]);
      // A mail client posting multipart (or repeating itself) gets 200 too.
      const multipart = await app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
        payload: '--x\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--x--\r\n',
      });
      expect(multipart.statusCode).toBe(200);
      expect(await auditOf(learnerId)).toHaveLength(1);
    });

    it('an unsubscribe link without a topic unsubscribes from all marketing', async () => {
      const { learnerId } = await learner();
      expect((await app.inject({ method: 'POST', url: unsubscribePath(learnerId), headers: form, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(200);
      expect(await consentOf(learnerId)).toMatchObject({ unsubscribedFromAll: true });
    });

    it('answers forged, altered, expired, wrongly purposed and orphaned tokens with one generic 404 and no change', async () => {
      const { learnerId } = await learner();
      const good = tokens.sign('unsubscribe', { learnerId, topic: 'promotions' });
      const [payload, signature] = good.split('.') as [string, string];
      const otherPayload = Buffer.from(JSON.stringify({ learnerId: 'someone-else', topic: 'promotions' })).toString('base64url');
      const bad = [
        `/unsubscribe/${payload}.${signature.slice(0, -2)}xx`,
        `/unsubscribe/${otherPayload}.${signature}`,
        `/unsubscribe/${tokens.sign('preferences', { learnerId, topic: 'promotions' })}`,
        `/unsubscribe/${tokens.sign('unsubscribe', { learnerId, topic: 'promotions', expiresAt: Date.now() - 1000 })}`,
        `/unsubscribe/${tokens.sign('unsubscribe', { learnerId: 'lrn_nobody', topic: 'promotions' })}`,
        '/unsubscribe/not-a-token',
        `/unsubscribe/${good}/extra`,
        `/preferences/${good}`,
        `/preferences/confirm/${tokens.sign('preferences', { learnerId, topic: 'webinars' })}`,
      ];
      const bodies = new Set<string>();
      for (const url of bad) {
        for (const method of ['GET', 'POST'] as const) {
          if (method === 'POST' && url.startsWith('/preferences/confirm/')) continue;
          const response = await app.inject({ method, url, headers: form, payload: method === 'POST' ? 'List-Unsubscribe=One-Click&form=preferences' : undefined });
          expect(response.statusCode).toBe(404);
          expect(response.headers['content-type']).toMatch(/^text\/html/);
          bodies.add(response.body);
        }
      }
      expect(bodies.size).toBe(1);
      expect([...bodies][0]).not.toContain(learnerId);
      expect(await auditOf(learnerId)).toHaveLength(0);
      expect(await store.models.consents.countDocuments({ learnerId })).toBe(0);
    });
  });

  describe('suppressions', () => {
    it('adds, lists, reads and lifts suppressions; addresses are compared lower-cased', async () => {
      const created = await app.inject({ method: 'POST', url: '/api/suppressions', headers: admin, payload: { address: 'Bounce@Example.com', reason: 'hard_bounce', note: '550 no such user' } });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toEqual({ address: 'bounce@example.com', reason: 'hard_bounce', note: '550 no such user', at: expect.any(String) });
      const again = await app.inject({ method: 'POST', url: '/api/suppressions', headers: admin, payload: { address: 'bounce@example.com', reason: 'manual' } });
      expect(again.statusCode).toBe(200);
      expect(again.json().reason).toBe('hard_bounce');
      await suppress(store.models, 'complaint@example.com', 'complaint');
      const listed = await app.inject({ url: '/api/suppressions', headers: admin });
      expect(listed.json().suppressions.map((entry: { address: string }) => entry.address)).toEqual(['bounce@example.com', 'complaint@example.com']);
      expect((await app.inject({ url: '/api/suppressions?limit=1&after=bounce@example.com', headers: admin })).json().suppressions.map((entry: { address: string }) => entry.address)).toEqual(['complaint@example.com']);
      expect((await app.inject({ url: '/api/suppressions/BOUNCE%40example.com', headers: admin })).json()).toMatchObject({ reason: 'hard_bounce' });
      expect((await app.inject({ method: 'DELETE', url: '/api/suppressions/bounce@example.com', headers: admin })).statusCode).toBe(200);
      expect((await app.inject({ method: 'DELETE', url: '/api/suppressions/bounce@example.com', headers: admin })).statusCode).toBe(404);
      expect((await app.inject({ url: '/api/suppressions/bounce@example.com', headers: admin })).statusCode).toBe(404);
    });

    it('names the bad field: address, reason', async () => {
      const bad = await app.inject({ method: 'POST', url: '/api/suppressions', headers: admin, payload: { address: 'not-an-email', reason: 'because' } });
      expect(bad.statusCode).toBe(400);
      expect(issuePaths(bad.json()).sort()).toEqual(['address', 'reason']);
      const badParam = await app.inject({ url: '/api/suppressions/not-an-email', headers: admin });
      expect(badParam.statusCode).toBe(400);
      expect(issuePaths(badParam.json())).toEqual(['address']);
      expect((await app.inject({ method: 'POST', url: '/api/suppressions', payload: { address: 'a@example.com', reason: 'manual' } })).statusCode).toBe(401);
    });
  });

  describe('the sender on the real store', () => {
    const sent: OutgoingEmail[] = [];
    const mailer: Mailer = { send: async (email) => (sent.push(email), { response: '250 recorded' }), close: () => undefined };
    let messages: ReturnType<typeof createMessageSender>;
    let sends = 0;
    const send = (learnerId: string, kind: 'marketing' | 'transactional', topic = 'promotions') => {
      sends += 1;
      return messages.sender.send({ idempotencyKey: `consent-test:${sends}`, learnerId, templateId: 'consent-test', channel: 'email', kind, topic });
    };

    beforeAll(async () => {
      await new TemplateCatalog(store.models).create({ id: 'consent-test', name: 'Consent test', subject: 'Hello', html: '<p>Hello {{ learner.firstName }}</p>' });
      messages = createMessageSender({ models: store.models, mailer, env: testConfig().env, publicUrl: 'http://localhost:3000' });
      messages.delivery.start();
    });
    afterAll(() => messages.delivery.stop());

    it('sends marketing with the unsubscribe headers and footer whose link works', async () => {
      const { learnerId, email } = await learner();
      expect(await send(learnerId, 'marketing')).toMatchObject({ status: 'sent' });
      const mail = sent.find((entry) => entry.to === email)!;
      expect(mail.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click', 'List-Unsubscribe': expect.stringMatching(/^<http:\/\/localhost:3000\/unsubscribe\/.+>$/) });
      expect(mail.html).toContain(testConfig().env.SENDER_POSTAL_ADDRESS.replace(/&/g, '&#38;'));
      expect(mail.text).toContain('Manage your email preferences: http://localhost:3000/preferences/');
      const unsubscribe = mail.headers!['List-Unsubscribe']!.slice(1, -1);
      expect((await app.inject({ method: 'POST', url: pathOf(unsubscribe), headers: form, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(200);
      expect(await send(learnerId, 'marketing')).toEqual({ status: 'skipped', reason: 'opted out of promotions' });
      expect(await send(learnerId, 'marketing', 'course-updates')).toMatchObject({ status: 'sent' });
      // Transactional mail still goes, without unsubscribe headers.
      expect(await send(learnerId, 'transactional')).toMatchObject({ status: 'sent' });
      expect(sent.at(-1)!.headers).not.toHaveProperty('List-Unsubscribe');
      expect(await store.models.messageSends.findById(`consent-test:${sends - 2}`).lean()).toMatchObject({ status: 'skipped', reason: 'opted out of promotions' });
    });

    it('skips every email to a suppressed address, recorded in the ledger', async () => {
      const { learnerId, email } = await learner();
      const added = await app.inject({ method: 'POST', url: '/api/suppressions', headers: admin, payload: { address: email.toUpperCase(), reason: 'complaint' } });
      expect(added.statusCode).toBe(201);
      const before = sent.length;
      expect(await send(learnerId, 'marketing')).toEqual({ status: 'skipped', reason: 'address suppressed (complaint)' });
      expect(await send(learnerId, 'transactional')).toEqual({ status: 'skipped', reason: 'address suppressed (complaint)' });
      expect(sent.length).toBe(before);
      expect(await store.models.messageSends.findById(`consent-test:${sends}`).lean()).toMatchObject({ status: 'skipped', reason: 'address suppressed (complaint)' });
    });
  });
});
