import type { LearnerDocument } from '../../store/models/learner';
import type { RenderedMessage, SendContext, SendRequest } from '../pipeline';
import { MessageTokens } from '../tokens';
import { TRACKING_TOKEN_LIFETIME_MS, trackingDecorator } from './trackingDecorator';

const tokens = new MessageTokens('unit-test-secret-of-enough-length');
const publicUrl = 'https://app.test/';
const NOW = Date.parse('2026-03-01T10:00:00Z');

const context = (request: Partial<SendRequest> = {}): SendContext => ({
  request: { idempotencyKey: 'send-1', learnerId: 'old-id', templateId: 'welcome', channel: 'email', kind: 'marketing', journeyId: 'onboarding', ...request },
  sendId: 'send-1',
  // The live profile after a merge: tokens must name it, not the id the request was made for.
  learner: { _id: 'learner-1', traits: { email: 'ada@example.com' } } as unknown as LearnerDocument,
  traits: { email: 'ada@example.com' },
  at: NOW,
});

const message = (html: string, text = '', variant?: string): RenderedMessage => ({ subject: 'Hi', html, text, templateVersion: 1, headers: {}, variant });

const decorate = (rendered: RenderedMessage, sendContext = context()) => trackingDecorator({ tokens, publicUrl, now: () => NOW }).decorate(rendered, sendContext) as RenderedMessage;

const clickTokens = (content: string) => [...content.matchAll(/https:\/\/app\.test\/m\/c\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/g)].map((match) => match[1]!);
const clickClaims = (content: string) => clickTokens(content).map((token) => tokens.verify('click', token, NOW));

describe('trackingDecorator', () => {
  it('turns every link into a signed click redirect to the URL with UTM tags', () => {
    const out = decorate(message('<html><body><a href="https://school.test/ux?ref=mail&amp;x=1">UX</a><a href="http://blog.test/#p">Blog</a></body></html>', '', 'B'));
    expect(out.html).not.toContain('school.test');
    expect(clickClaims(out.html)).toEqual([
      {
        sendId: 'send-1',
        learnerId: 'learner-1',
        url: 'https://school.test/ux?ref=mail&x=1&utm_source=course-journeys&utm_medium=email&utm_campaign=onboarding&utm_content=welcome-B',
        expiresAt: NOW + TRACKING_TOKEN_LIFETIME_MS,
      },
      expect.objectContaining({ url: 'http://blog.test/?utm_source=course-journeys&utm_medium=email&utm_campaign=onboarding&utm_content=welcome-B#p' }),
    ]);
  });

  it('tags a send outside any journey as direct and a message without variant with the template alone', () => {
    const out = decorate(message('<a href="https://school.test/">x</a>'), context({ journeyId: undefined }));
    expect(clickClaims(out.html)[0]?.url).toBe('https://school.test/?utm_source=course-journeys&utm_medium=email&utm_campaign=direct&utm_content=welcome');
  });

  it("keeps the author's UTM values", () => {
    const out = decorate(message('<a href="https://school.test/?utm_campaign=spring-sale&utm_medium=newsletter">x</a>'));
    expect(clickClaims(out.html)[0]?.url).toBe('https://school.test/?utm_campaign=spring-sale&utm_medium=newsletter&utm_source=course-journeys&utm_content=welcome');
  });

  it('leaves mailto, tel, anchors and our preference and unsubscribe pages untouched', () => {
    const links = ['mailto:help@school.test', 'tel:+4412345', '#top', 'https://app.test/preferences/tok.sig', 'https://app.test/unsubscribe/tok.sig'];
    const html = links.map((href) => `<a href="${href}">l</a>`).join('');
    const out = decorate(message(`<body>${html}</body>`, `Unsubscribe: https://app.test/unsubscribe/tok.sig`));
    expect(out.html.startsWith(`<body>${html}<img `)).toBe(true);
    expect(out.text).toBe('Unsubscribe: https://app.test/unsubscribe/tok.sig');
  });

  it('puts an open pixel with an open token before </body>, or at the end of a fragment', () => {
    const out = decorate(message('<html><body><p>Hi</p></body></html>'));
    const pixel = /<img src="https:\/\/app\.test\/m\/o\/([^"]+)\.gif" width="1" height="1" alt=""[^>]*\/><\/body><\/html>$/.exec(out.html);
    expect(pixel).not.toBeNull();
    expect(tokens.verify('open', pixel![1]!, NOW)).toEqual({ sendId: 'send-1', learnerId: 'learner-1', expiresAt: NOW + TRACKING_TOKEN_LIFETIME_MS });
    // Signed for opens only: it cannot be replayed as a click.
    expect(tokens.verify('click', pixel![1]!, NOW)).toBeUndefined();

    const fragment = decorate(message('<p>Hi</p>'));
    expect(fragment.html).toMatch(/^<p>Hi<\/p><img src="https:\/\/app\.test\/m\/o\/[^"]+\.gif"[^>]*\/>$/);
  });

  it('rewrites the text part the same way', () => {
    const out = decorate(message('', 'Start your lesson (https://school.test/lesson/1).\nMore: https://school.test/more'));
    expect(out.text).toMatch(/^Start your lesson \(https:\/\/app\.test\/m\/c\/[^\s)]+\)\.\nMore: https:\/\/app\.test\/m\/c\/\S+$/);
    expect(clickClaims(out.text).map((claims) => claims?.url)).toEqual([
      'https://school.test/lesson/1?utm_source=course-journeys&utm_medium=email&utm_campaign=onboarding&utm_content=welcome',
      'https://school.test/more?utm_source=course-journeys&utm_medium=email&utm_campaign=onboarding&utm_content=welcome',
    ]);
  });

  it('puts ids in tokens, never the address, and keeps subject and headers', () => {
    const out = decorate({ ...message('<a href="https://school.test/">x</a>', 'https://school.test/'), headers: { 'X-Test': '1' } });
    for (const token of [...clickTokens(out.html), ...clickTokens(out.text)]) {
      expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain('ada@example.com');
    }
    expect(out.subject).toBe('Hi');
    expect(out.headers).toEqual({ 'X-Test': '1' });
  });

  it('leaves webhook messages alone', () => {
    const rendered = message('<a href="https://school.test/">x</a>', 'https://school.test/');
    expect(decorate(rendered, context({ channel: 'webhook' }))).toBe(rendered);
  });
});
