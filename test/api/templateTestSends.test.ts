import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { ApiKeys } from '../../api/keys/apiKeys';
import { readEnv } from '../../config/env';
import type { Store } from '../../store/connection';
import { waitUntil, type CaughtMail } from '../journeys/support';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore, testConfig } from '../support/env';

/** Mail the test SMTP catcher received for one address. */
async function mailsTo(address: string): Promise<CaughtMail[]> {
  const inbox = (await (await fetch(`${testConfig().smtp.inboxUrl}/api/email`)).json()) as CaughtMail[];
  return inbox.filter((mail) => mail.to.some((to) => to.address === address));
}

describe('template test sends', () => {
  const tag = randomUUID().slice(0, 8);
  /** Each test mails an address of its own, so the shared catcher's other mail never counts. */
  const address = (name: string) => `${name}-${tag}@example.com`;
  const template = {
    id: `offer-${tag}`,
    name: `Offer ${tag}`,
    subject: 'An offer for {{ learner.firstName | default: "you" }}',
    html: '<p>Hi {{ learner.firstName }},</p><p><a href="https://example.com/offer">See the offer</a></p>',
    locales: { fr: { subject: 'Une offre pour {{ learner.firstName }}', html: '<p>Bonjour {{ learner.firstName }}</p>' } },
  };
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Record<string, string>;
  let ada: string;

  beforeAll(async () => {
    store = await openTestStore('templatetestsends');
    built = await buildTestApp(store);
    app = built.app;
    admin = bearer((await new ApiKeys(store.models).create({ name: 'marketer', kind: 'admin' })).secret);
    ada = (await built.runtime.ingestion.ingest([{ type: 'identify', userId: `ada-${tag}`, traits: { email: `ada-${tag}@example.com`, firstName: 'Ada', locale: 'fr' } }], { source: 'api' })).learnerIds[0]!;
    expect((await app.inject({ method: 'POST', url: '/api/templates', headers: admin, payload: template })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  const testSend = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, headers: admin, payload });

  it('mails a saved template, rendered for a learner, to the address given with "[Test] " before the subject, untracked and outside the ledger', async () => {
    const to = address('saved');
    const response = await testSend(`/api/templates/${template.id}/test-send`, { to, learnerId: ada });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ to, subject: '[Test] Une offre pour Ada', version: 1, locale: 'fr', warnings: [] });
    const [mail] = await waitUntil(async () => {
      const mails = await mailsTo(to);
      return mails.length > 0 && mails;
    });
    expect(mail!.subject).toBe('[Test] Une offre pour Ada');
    // The learner's own address gets nothing: only `to` does.
    expect(await mailsTo(`ada-${tag}@example.com`)).toEqual([]);
    // Rendered as previewed: no tracking pixel, no click redirects, no unsubscribe footer or headers.
    expect(mail!.html).toBe('<p>Bonjour Ada</p>');
    expect(Object.keys(mail!.headers).map((name) => name.toLowerCase())).not.toContain('list-unsubscribe');
    expect(await store.models.messageSends.countDocuments({})).toBe(0);

    const english = await testSend(`/api/templates/${template.id}/test-send`, { to: address('sample'), sample: { learner: { firstName: 'Zoe' } } });
    expect(english.json()).toMatchObject({ subject: '[Test] An offer for Zoe', version: 1 });
    const [sample] = await waitUntil(async () => {
      const mails = await mailsTo(address('sample'));
      return mails.length > 0 && mails;
    });
    expect(sample!.html).toContain('<a href="https://example.com/offer">See the offer</a>');
    expect(sample!.html).not.toMatch(/\/m\/[oc]\//);
  });

  it('mails unsaved content, and refuses Liquid that does not parse naming template.<field> and the line', async () => {
    const to = address('draft');
    const response = await testSend('/api/templates/test-send', { to, template: { ...template, subject: 'Draft for {{ learner.firstName }}' }, learnerId: ada, locale: 'en' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ to, subject: '[Test] Draft for Ada', warnings: [] });
    await waitUntil(async () => (await mailsTo(to)).some((mail) => mail.subject === '[Test] Draft for Ada'));

    const broken = await testSend('/api/templates/test-send', { to, template: { subject: 'S', html: '<p>\n{{ learner.firstName </p>' } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.issues).toEqual([expect.objectContaining({ path: ['template', 'html'], line: 2 })]);
  });

  it('answers 400 naming `to` for a bad address and other bad fields, 404 for an unknown template or learner', async () => {
    for (const to of ['not an address', '', 'two@example.com, three@example.com']) {
      const response = await testSend(`/api/templates/${template.id}/test-send`, { to });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['to']]);
    }
    const missing = await testSend('/api/templates/test-send', { template });
    expect(missing.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['to']]);
    const both = await testSend(`/api/templates/${template.id}/test-send`, { to: address('x'), learnerId: ada, sample: { learner: { firstName: 'X' } } });
    expect(both.json().error.details.issues.map((issue: { path: unknown[] }) => issue.path)).toEqual([['sample', 'learner']]);
    expect((await testSend('/api/templates/no-such-template/test-send', { to: address('x') })).statusCode).toBe(404);
    expect((await testSend(`/api/templates/${template.id}/test-send`, { to: address('x'), learnerId: 'nobody-here' })).statusCode).toBe(404);
    expect(await mailsTo(address('x'))).toEqual([]);
  });

  it('answers 503 with a clear message when the API process has no mailer', async () => {
    // The whole configuration, so that the app finds whatever settings its other routes read.
    const config = { ...testConfig(), env: readEnv({ ...process.env, LOG_LEVEL: 'silent' }) };
    const withoutMailer = await buildApp({
      config,
      models: store.models,
      ingestion: built.runtime.ingestion,
      segments: built.runtime.segments,
      journeys: built.runtime.journeys,
      probes: { store: () => store.ping(), temporal: () => built.temporal.ping() },
    });
    try {
      for (const [url, payload] of [
        [`/api/templates/${template.id}/test-send`, { to: address('nomailer') }],
        ['/api/templates/test-send', { to: address('nomailer'), template }],
      ] as const) {
        const response = await withoutMailer.inject({ method: 'POST', url, headers: admin, payload });
        expect(response.statusCode).toBe(503);
        expect(response.json().error).toMatchObject({ code: 'not_ready', message: expect.stringMatching(/mail server.*SMTP_URL/), details: { unavailable: ['mailer'] } });
      }
      // Previews need no mailer.
      expect((await withoutMailer.inject({ method: 'POST', url: '/api/templates/preview', headers: admin, payload: { template } })).statusCode).toBe(200);
    } finally {
      await withoutMailer.close();
    }
  });
});
