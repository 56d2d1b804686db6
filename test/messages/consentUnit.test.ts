import { consentCheck } from '../../messages/checks/consent';
import { suppressionCheck } from '../../messages/checks/suppression';
import { complianceDecorator } from '../../messages/compliance';
import type { RenderedMessage, SendContext, SendRequest } from '../../messages/pipeline';
import { MessageTokens } from '../../messages/tokens';
import type { StoreModels } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';

/** A stand-in for a mongoose model answering `findById(id).lean()` from a map (unit tests only). */
const fakeModel = (documents: Record<string, object>) => ({
  findById: (id: string) => ({ lean: async () => documents[id] ?? null }),
});
const modelsWith = (consents: Record<string, object> = {}, topics: Record<string, object> = {}, suppressions: Record<string, object> = {}) =>
  ({ consents: fakeModel(consents), topics: fakeModel(topics), suppressions: fakeModel(suppressions) }) as unknown as StoreModels;

const contextFor = (request: Partial<SendRequest>, traits: Record<string, unknown> = { email: 'Ada@Example.com' }, learnerId = 'lrn-1'): SendContext => ({
  request: { idempotencyKey: 'run-1:mail:1', learnerId, templateId: 't', channel: 'email', kind: 'marketing', topic: 'promotions', ...request },
  sendId: 'run-1:mail:1',
  learner: { _id: learnerId, traits } as unknown as LearnerDocument,
  traits,
  at: Date.now(),
});

describe('consentCheck', () => {
  it('lets marketing through by default for a topic without double opt-in (the built-in topics need no stored document)', async () => {
    expect(await consentCheck(modelsWith()).check(contextFor({ topic: 'promotions' }))).toBeUndefined();
    expect(await consentCheck(modelsWith()).check(contextFor({ topic: 'course-updates' }))).toBeUndefined();
  });

  it('skips marketing to a learner who opted out of the topic, naming it', async () => {
    const models = modelsWith({ 'lrn-1:promotions': { status: 'opted_out' } });
    expect(await consentCheck(models).check(contextFor({ topic: 'promotions' }))).toEqual({ skip: 'opted out of promotions' });
    // Another topic is unaffected.
    expect(await consentCheck(models).check(contextFor({ topic: 'course-updates' }))).toBeUndefined();
  });

  it('honours an opt-out recorded under the id the run started with, after a merge moved the learner', async () => {
    const models = modelsWith({ 'lrn-old:promotions': { status: 'opted_out' }, 'lrn-1:promotions': { status: 'opted_in' } });
    const context = contextFor({ learnerId: 'lrn-old' });
    expect(await consentCheck(models).check(context)).toEqual({ skip: 'opted out of promotions' });
  });

  it('treats the unsubscribed trait as a global marketing opt-out', async () => {
    const models = modelsWith({ 'lrn-1:promotions': { status: 'opted_in' } });
    expect(await consentCheck(models).check(contextFor({}, { email: 'a@example.com', unsubscribed: true }))).toEqual({ skip: 'unsubscribed from all marketing' });
  });

  it('needs a confirmed opt-in for a double opt-in topic: none or pending is skipped, opted_in passes', async () => {
    const topics = { webinars: { _id: 'webinars', name: 'Webinars', doubleOptIn: true } };
    expect(await consentCheck(modelsWith({}, topics)).check(contextFor({ topic: 'webinars' }))).toEqual({ skip: 'not opted in to webinars' });
    expect(await consentCheck(modelsWith({ 'lrn-1:webinars': { status: 'pending' } }, topics)).check(contextFor({ topic: 'webinars' }))).toEqual({ skip: 'opt-in to webinars not confirmed' });
    expect(await consentCheck(modelsWith({ 'lrn-1:webinars': { status: 'opted_in' } }, topics)).check(contextFor({ topic: 'webinars' }))).toBeUndefined();
  });

  it('skips marketing under a topic that does not exist: nobody can have consented to it', async () => {
    expect(await consentCheck(modelsWith()).check(contextFor({ topic: 'nonsense' }))).toEqual({ skip: 'unknown topic nonsense' });
  });

  it('ignores consent for transactional messages', async () => {
    const models = modelsWith({ 'lrn-1:promotions': { status: 'opted_out' } });
    expect(await consentCheck(models).check(contextFor({ kind: 'transactional' }, { email: 'a@example.com', unsubscribed: true }))).toBeUndefined();
  });
});

describe('suppressionCheck', () => {
  const models = modelsWith({}, {}, { 'ada@example.com': { reason: 'hard_bounce' } });

  it('skips email to a suppressed address, compared lower-cased, naming the reason', async () => {
    expect(await suppressionCheck(models).check(contextFor({}, { email: ' ADA@example.com' }))).toEqual({ skip: 'address suppressed (hard_bounce)' });
  });

  it('applies to transactional email too, and lets other addresses and webhooks through', async () => {
    expect(await suppressionCheck(models).check(contextFor({ kind: 'transactional' }))).toEqual({ skip: 'address suppressed (hard_bounce)' });
    expect(await suppressionCheck(models).check(contextFor({}, { email: 'bo@example.com' }))).toBeUndefined();
    expect(await suppressionCheck(models).check(contextFor({ channel: 'webhook', webhookUrl: 'https://hooks.example.com' }))).toBeUndefined();
  });
});

describe('complianceDecorator', () => {
  const tokens = new MessageTokens('a-unit-test-secret-of-some-length');
  const decorator = complianceDecorator({ tokens, publicUrl: 'https://mail.example.com/', postalAddress: 'Course Journeys, 1 Example Street, Springfield & Co' });
  const message = (): RenderedMessage => ({ subject: 'Hi', html: '<html><body><p>Hello</p></body></html>', text: 'Hello\n', templateVersion: 1, headers: { 'X-Existing': 'kept' } });

  it('adds RFC 8058 one-click headers whose token carries ids only and the message topic', async () => {
    const decorated = await decorator.decorate(message(), contextFor({ topic: 'promotions' }));
    expect(decorated.headers['X-Existing']).toBe('kept');
    expect(decorated.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const match = /^<https:\/\/mail\.example\.com\/unsubscribe\/([^>]+)>$/.exec(decorated.headers['List-Unsubscribe']!);
    expect(match).not.toBeNull();
    const claims = tokens.verify('unsubscribe', match![1]!);
    expect(claims).toEqual({ learnerId: 'lrn-1', sendId: 'run-1:mail:1', topic: 'promotions' });
    expect(JSON.stringify(claims)).not.toMatch(/example\.com/i);
    // The token is for unsubscribing only.
    expect(tokens.verify('preferences', match![1]!)).toBeUndefined();
  });

  it('adds a footer with the postal address, preference and unsubscribe links to both parts, inside the body', async () => {
    const decorated = await decorator.decorate(message(), contextFor({}));
    expect(decorated.html).toMatch(/<p>Hello<\/p><div[^>]*>.*Manage your email preferences.*Unsubscribe.*Springfield &#38; Co.*<\/div><\/body><\/html>$/s);
    const preferences = /href="https:\/\/mail\.example\.com\/preferences\/([^"]+)"/.exec(decorated.html)![1]!;
    expect(tokens.verify('preferences', preferences)).toEqual({ learnerId: 'lrn-1', sendId: 'run-1:mail:1' });
    expect(decorated.text).toContain('Hello\n\n--\nManage your email preferences: https://mail.example.com/preferences/');
    expect(decorated.text).toContain('Unsubscribe: https://mail.example.com/unsubscribe/');
    expect(decorated.text).toContain('Springfield & Co');
  });

  it('appends the footer to an HTML fragment', async () => {
    const decorated = await decorator.decorate({ ...message(), html: '<p>Fragment</p>' }, contextFor({}));
    expect(decorated.html.startsWith('<p>Fragment</p><div')).toBe(true);
  });

  it('leaves transactional email and webhooks exactly as rendered', async () => {
    const original = message();
    expect(await decorator.decorate(original, contextFor({ kind: 'transactional' }))).toBe(original);
    expect(await decorator.decorate(original, contextFor({ channel: 'webhook' }))).toBe(original);
  });
});
