import type { TemplateContent } from '../domain/messages/templates';
import { applyDefaults, checkTemplate, pickLocale, renderTemplate, TemplateRenderError, textFromHtml } from './render';
import { sampleRenderContext, type RenderContext } from './renderContext';

const context = (overrides: Partial<RenderContext> = {}): RenderContext => ({ ...sampleRenderContext({}, Date.UTC(2026, 0, 10)), ...overrides });

const hero = {
  variants: [
    { segmentId: 'at-risk', headline: 'We saved your seat, {{ learner.firstName }}', ctaLabel: 'Resume', ctaUrl: 'https://example.com/resume' },
    { segmentId: 'engaged', headline: 'Ready for more?', imageUrl: 'https://example.com/more.png', ctaLabel: 'See courses', ctaUrl: 'https://example.com/courses' },
  ],
  default: { headline: 'Keep learning', ctaLabel: 'Open', ctaUrl: 'https://example.com/' },
};

describe('renderTemplate', () => {
  it('personalises with traits, event properties, interests and recent activity', async () => {
    const data = sampleRenderContext(
      {
        learner: { firstName: 'Ada', interests: ['python-basics'] },
        event: { courseTitle: 'UX Foundations' },
        activity: [
          { name: 'Lesson Completed', at: '2026-01-08T10:00:00Z', properties: { courseId: 'ux-foundations', lessonNumber: 3 } },
          { name: 'Lesson Completed', at: '2026-01-09T10:00:00Z', properties: { courseId: 'ux-foundations', lessonNumber: 4 } },
          { name: 'Course Page Viewed', at: '2026-01-07T10:00:00Z', properties: { path: '/courses/data-analytics' } },
        ],
      },
      Date.UTC(2026, 0, 10),
    );
    const rendered = await renderTemplate(
      {
        subject: 'Hi {{ learner.firstName }}: {{ event.courseTitle }}',
        html: '<p>{{ interests | join: "," }}</p><p>{{ activity.last.name }} {{ activity.last.lessonNumber }} at {{ activity.lastAt }}</p><p>{{ activity.counts["Lesson Completed"] }} lessons</p>',
      },
      data,
    );
    expect(rendered.subject).toBe('Hi Ada: UX Foundations');
    expect(rendered.html).toBe('<p>python-basics,ux-foundations,data-analytics</p><p>Lesson Completed 4 at 2026-01-09T10:00:00.000Z</p><p>2 lessons</p>');
    expect(rendered.text).toBe('python-basics,ux-foundations,data-analytics\n\nLesson Completed 4 at 2026-01-09T10:00:00.000Z\n\n2 lessons');
    expect(rendered).not.toHaveProperty('variant');
  });

  it('fills missing values from the template defaults, and `| default:` still works', async () => {
    const content: TemplateContent = {
      subject: 'Hi {{ learner.firstName }}, {{ courseName }}',
      html: '<p>{{ event.plan.name }} {{ learner.city | default: "your city" }}</p>',
      defaults: { 'learner.firstName': 'there', courseName: 'your course', 'event.plan.name': 'free' },
    };
    expect(await renderTemplate(content, context({ learner: { firstName: '' } }))).toMatchObject({ subject: 'Hi there, your course', html: '<p>free your city</p>' });
    const given = await renderTemplate(content, context({ learner: { firstName: 'Ben' }, event: { plan: { name: 'pro' } } }));
    expect(given).toMatchObject({ subject: 'Hi Ben, your course', html: '<p>pro your city</p>' });
  });

  it('leaves the data it was given unchanged when filling defaults', () => {
    const event = { plan: { tier: 1 } };
    const scope = applyDefaults({ event }, { 'event.plan.name': 'free', 'event.plan.tier.x': 'unreachable' });
    expect(scope).toEqual({ event: { plan: { tier: 1, name: 'free' } } });
    expect(event).toEqual({ plan: { tier: 1 } });
  });

  it('chooses each block variant by segment membership, in order, and reports it', async () => {
    const content: TemplateContent = {
      subject: '{{ blocks.hero.headline }}',
      html: '<h1>{{ blocks.hero.headline }}</h1>{% if blocks.hero.imageUrl %}<img src="{{ blocks.hero.imageUrl }}">{% endif %}<a href="{{ blocks.hero.ctaUrl }}">{{ blocks.hero.ctaLabel }}</a>',
      blocks: { hero },
    };
    const atRisk = await renderTemplate(content, context({ learner: { firstName: 'Ada' }, segments: ['engaged', 'at-risk'] }));
    expect(atRisk).toMatchObject({ subject: 'We saved your seat, Ada', variant: 'hero:at-risk', html: '<h1>We saved your seat, Ada</h1><a href="https://example.com/resume">Resume</a>' });
    const engaged = await renderTemplate(content, context({ segments: ['engaged'] }));
    expect(engaged).toMatchObject({ variant: 'hero:engaged', html: '<h1>Ready for more?</h1><img src="https://example.com/more.png"><a href="https://example.com/courses">See courses</a>' });
    expect(await renderTemplate(content, context({ segments: ['other'] }))).toMatchObject({ variant: 'hero:default', subject: 'Keep learning' });
  });

  it('picks the translation for the learner locale with fallback to the language, then the template', async () => {
    const content: TemplateContent = {
      locale: 'en',
      subject: 'Hello',
      html: '<p>Hello</p>',
      locales: { fr: { subject: 'Bonjour', html: '<p>Bonjour</p>' }, 'fr-CA': { subject: 'Allô', html: '<p>Allô</p>', text: 'Allô!' }, de: { subject: 'Hallo', html: '<p>Hallo</p>' } },
    };
    expect(await renderTemplate(content, context({ learner: { locale: 'fr_CA' } }))).toMatchObject({ subject: 'Allô', text: 'Allô!', locale: 'fr-CA' });
    expect(await renderTemplate(content, context({ learner: { locale: 'fr-BE' } }))).toMatchObject({ subject: 'Bonjour', text: 'Bonjour', locale: 'fr' });
    expect(await renderTemplate(content, context({ learner: { language: 'de' } }))).toMatchObject({ subject: 'Hallo', locale: 'de' });
    expect(await renderTemplate(content, context({ learner: { locale: 'ja-JP' } }))).toMatchObject({ subject: 'Hello', locale: 'en' });
    expect(await renderTemplate(content, context({ learner: { locale: 'ja-JP' } }), { locale: 'fr' })).toMatchObject({ subject: 'Bonjour' });
  });

  it('uses a translation’s own blocks and the template’s for the rest', async () => {
    const content: TemplateContent = {
      subject: '{{ blocks.hero.headline }} / {{ blocks.cta.ctaLabel }}',
      html: '<p>x</p>',
      blocks: { hero, cta: { variants: [], default: { headline: 'h', ctaLabel: 'Go', ctaUrl: 'https://example.com' } } },
      locales: { fr: { subject: '{{ blocks.hero.headline }} / {{ blocks.cta.ctaLabel }}', html: '<p>x</p>', blocks: { hero: { variants: [], default: { headline: 'Continuez', ctaLabel: 'Ouvrir', ctaUrl: 'https://example.com/fr' } } } } },
    };
    expect(await renderTemplate(content, context({ learner: { locale: 'fr' }, segments: ['engaged'] }))).toMatchObject({ subject: 'Continuez / Go', variant: 'hero:default,cta:default' });
  });

  it('escapes values in HTML but not in the subject or text', async () => {
    const rendered = await renderTemplate({ subject: 'Hi {{ learner.firstName }}', html: '<p>{{ learner.firstName }}</p>', text: 'Hi {{ learner.firstName }}' }, context({ learner: { firstName: '<b>O\'Neil & co' } }));
    expect(rendered).toMatchObject({ subject: "Hi <b>O'Neil & co", html: '<p>&lt;b&gt;O&#39;Neil &amp; co</p>', text: "Hi <b>O'Neil & co" });
    expect(textFromHtml(rendered.html)).toBe("<b>O'Neil & co");
  });

  it('keeps the subject on one line', async () => {
    expect((await renderTemplate({ subject: 'Hi {{ learner.firstName }}', html: '<p/>' }, context({ learner: { firstName: 'A\r\nBcc: x@example.com' } }))).subject).toBe('Hi A Bcc: x@example.com');
  });

  it('fails with the field named when rendering exceeds its limits', async () => {
    const error = await renderTemplate({ subject: 'S', html: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' }, context()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect((error as TemplateRenderError).path).toEqual(['html']);
  });
});

describe('checkTemplate', () => {
  it('reports syntax errors on their field with line and column', () => {
    const { errors } = checkTemplate({
      subject: 'ok',
      html: '<p>\n{% if learner.plan %}pro</p>',
      blocks: { hero: { variants: [{ segmentId: 's', headline: '{{ x | shout }}', ctaLabel: 'c', ctaUrl: 'u' }], default: { headline: 'h', ctaLabel: 'c', ctaUrl: 'u' } } },
      locales: { fr: { subject: '{{ oops', html: '<p/>' } },
    });
    expect(errors.map((issue) => issue.path)).toEqual([['html'], ['blocks', 'hero', 'variants', 0, 'headline'], ['locales', 'fr', 'subject']]);
    expect(errors[0]).toMatchObject({ code: 'invalid_template', line: 2, column: 1, message: expect.stringMatching(/^line 2, column 1: .*not closed/) });
    expect(errors[1]!.message).toMatch(/shout/);
  });

  it('refuses partials, which would read the file system', () => {
    const { errors } = checkTemplate({ subject: 's', html: '<p>{% include "footer" %}</p>' });
    expect(errors).toEqual([expect.objectContaining({ path: ['html'], code: 'invalid_template', message: expect.stringMatching(/include other templates/) })]);
  });

  it('warns about unknown variables, blocks and segments, and accepts known ones', () => {
    const { errors, warnings } = checkTemplate(
      {
        subject: '{{ learner.firstName }} {{ courseName }} {{ nope.x }} {{ nope.x }}',
        html: '{% assign c = event.courseId %}{{ c }}{% for i in interests %}{{ i }}{{ forloop.index }}{% endfor %}{{ activity.lastAt }}{% if segments contains "a" %}{% endif %}\n{{ blocks.hero.headline }} {{ blocks.missing.headline }} {{ blocks.hero.colour }}',
        defaults: { courseName: 'your course' },
        blocks: { hero: { ...hero, default: { ...hero.default, headline: '{{ blocks.hero.ctaLabel }}' } } },
      },
      { segments: new Set(['engaged']) },
    );
    expect(errors).toEqual([]);
    expect(warnings.map(({ path, code, variable }) => ({ path, code, variable }))).toEqual([
      { path: ['subject'], code: 'unknown_variable', variable: 'nope.x' },
      { path: ['html'], code: 'unknown_block', variable: 'blocks.missing.headline' },
      { path: ['html'], code: 'unknown_variable', variable: 'blocks.hero.colour' },
      { path: ['blocks', 'hero', 'default', 'headline'], code: 'unknown_variable', variable: 'blocks.hero.ctaLabel' },
      { path: ['blocks', 'hero', 'variants', 0, 'segmentId'], code: 'unknown_segment', variable: undefined },
    ]);
    expect(warnings[1]).toMatchObject({ line: 2, column: 31 });
  });

  it('refuses defaults for blocks', () => {
    expect(checkTemplate({ subject: 's', html: 'h', defaults: { 'blocks.hero': 'x' } }).errors).toEqual([expect.objectContaining({ path: ['defaults', 'blocks.hero'] })]);
  });
});

describe('pickLocale', () => {
  it('falls back from region to language and compares case-insensitively', () => {
    expect(pickLocale(['fr', 'pt-BR'], 'FR-ca')).toBe('fr');
    expect(pickLocale(['fr', 'pt-BR'], 'pt_br')).toBe('pt-BR');
    expect(pickLocale(['fr', 'pt-BR'], 'pt')).toBeUndefined();
    expect(pickLocale(['fr'], undefined)).toBeUndefined();
  });
});
