import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { TemplateRenderer } from '../../messages/templateRenderer';
import type { Store } from '../../store/connection';
import type { LearnerDocument } from '../../store/models/learner';
import { saveSegment } from '../segments/support';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const welcome = { name: 'Welcome email', subject: 'Welcome, {{ learner.firstName | default: "friend" }}', html: '<p>Hi {{ learner.firstName }}</p>', text: 'Hi {{ learner.firstName }}' };

describe('template API', () => {
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Record<string, string>;
  let ada: string;
  let ben: string;

  beforeAll(async () => {
    store = await openTestStore('templatesapi');
    built = await buildTestApp(store);
    app = built.app;
    admin = bearer((await new ApiKeys(store.models).create({ name: 'marketer', kind: 'admin' })).secret);
    // Saved before any learner arrives, so the engine puts Ada in it as she is ingested.
    await saveSegment(store.models, { id: 'pro-plan', rule: { version: 1, condition: { type: 'trait', trait: 'plan', operator: 'equals', value: 'pro' } } });
    const ingest = async (userId: string, messages: Record<string, unknown>[]) => (await built.runtime.ingestion.ingest(messages.map((message) => ({ userId, ...message })), { source: 'api' })).learnerIds[0]!;
    ada = await ingest('ada', [
      { type: 'identify', traits: { email: 'ada@example.com', firstName: 'Ada', plan: 'pro', locale: 'fr-CA' } },
      { type: 'track', event: 'Lesson Completed', messageId: 'ada-lesson-1', properties: { courseId: 'ux-foundations', lessonNumber: 1 }, timestamp: '2026-01-02T10:00:00Z' },
      { type: 'track', event: 'Lesson Completed', messageId: 'ada-lesson-2', properties: { courseId: 'ux-foundations', lessonNumber: 2 }, timestamp: '2026-01-03T10:00:00Z' },
      { type: 'track', event: 'Enrolled', messageId: 'ada-enrolled', properties: { courseId: 'ux-foundations', courseTitle: 'UX Foundations' }, timestamp: '2026-01-01T10:00:00Z' },
    ]);
    ben = await ingest('ben', [{ type: 'identify', traits: { email: 'ben@example.com', firstName: 'Ben' } }]);
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  const create = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/templates', headers: admin, payload });
  const update = (templateId: string, payload: Record<string, unknown>) => app.inject({ method: 'PUT', url: `/api/templates/${templateId}`, headers: admin, payload });
  const issuePaths = (body: { error: { details: { issues: { path: (string | number)[] }[] } } }) => body.error.details.issues.map((issue) => issue.path);

  it('creates a template with an id slugged from its name, or the id given', async () => {
    const slugged = await create(welcome);
    expect(slugged.statusCode).toBe(201);
    expect(slugged.json().warnings).toEqual([]);
    expect(slugged.json().template).toMatchObject({ id: 'welcome-email', name: 'Welcome email', subject: welcome.subject, html: welcome.html, text: welcome.text, version: 1, createdAt: expect.any(String), updatedAt: expect.any(String) });
    const named = await create({ id: 'tips-1', name: 'Tips', subject: 'Tips', html: '<p>Tips</p>' });
    expect(named.statusCode).toBe(201);
    expect(named.json().template).toMatchObject({ id: 'tips-1', name: 'Tips', version: 1 });
    expect(named.json().template).not.toHaveProperty('text');
  });

  it('lists the templates in the order they were created and gets one', async () => {
    const list = await app.inject({ url: '/api/templates', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().templates.map((template: { id: string }) => template.id)).toEqual(['welcome-email', 'tips-1']);
    const one = await app.inject({ url: '/api/templates/welcome-email', headers: admin });
    expect(one.statusCode).toBe(200);
    expect(one.json().template).toMatchObject({ id: 'welcome-email', subject: welcome.subject, version: 1 });
  });

  it('bumps the version on each update and keeps the id', async () => {
    const first = await update('welcome-email', { ...welcome, subject: 'Welcome aboard, {{ learner.firstName }}' });
    expect(first.statusCode).toBe(200);
    expect(first.json().template).toMatchObject({ id: 'welcome-email', subject: 'Welcome aboard, {{ learner.firstName }}', version: 2 });
    // Leaving the text out clears it (it is derived from the HTML when sending).
    const second = await update('welcome-email', { name: 'Welcome', subject: 'Welcome', html: '<p>Welcome</p>' });
    expect(second.json().template).toMatchObject({ id: 'welcome-email', name: 'Welcome', version: 3 });
    expect(second.json().template).not.toHaveProperty('text');
    expect((await app.inject({ url: '/api/templates/welcome-email', headers: admin })).json().template.version).toBe(3);
  });

  it('refuses Liquid that does not parse, naming each field', async () => {
    const broken = await create({ name: 'Broken', subject: 'Hello {{ learner.firstName', html: '<p>{% if learner.plan %}pro</p>' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('validation_failed');
    expect(issuePaths(broken.json())).toEqual([['subject'], ['html']]);
    expect(broken.json().error.details.issues[1]).toMatchObject({ code: 'invalid_template', line: 1, column: 4, message: expect.stringMatching(/^line 1, column 4: .*not closed/) });
    expect((await app.inject({ url: '/api/templates/broken', headers: admin })).statusCode).toBe(404);

    const unknownFilter = await update('tips-1', { name: 'Tips', subject: 'Tips', html: '<p>Tips</p>', text: 'Hi {{ learner.firstName | shout }}' });
    expect(unknownFilter.statusCode).toBe(400);
    expect(issuePaths(unknownFilter.json())).toEqual([['text']]);
    // A refused update leaves the template as it was.
    expect((await app.inject({ url: '/api/templates/tips-1', headers: admin })).json().template).toMatchObject({ html: '<p>Tips</p>', version: 1 });
  });

  it('refuses a body that does not fit the schema, naming the field', async () => {
    const response = await create({ id: 'Not A Slug', name: 'Bad id', subject: 'S', html: '<p>x</p>' });
    expect(response.statusCode).toBe(400);
    expect(issuePaths(response.json())).toContainEqual(['id']);
    const missing = await create({ name: 'No html', subject: 'S' });
    expect(missing.statusCode).toBe(400);
    expect(issuePaths(missing.json())).toContainEqual(['html']);
  });

  it('refuses a duplicate id with 409', async () => {
    const byId = await create({ id: 'tips-1', name: 'Other tips', subject: 'S', html: '<p>x</p>' });
    expect(byId.statusCode).toBe(409);
    expect(byId.json().error.code).toBe('conflict');
    const byName = await create(welcome);
    expect(byName.statusCode).toBe(409);
  });

  it('answers 404 for an unknown template', async () => {
    const get = await app.inject({ url: '/api/templates/no-such-template', headers: admin });
    expect(get.statusCode).toBe(404);
    expect(get.json().error.code).toBe('not_found');
    expect((await update('no-such-template', { name: 'X', subject: 'S', html: '<p>x</p>' })).statusCode).toBe(404);
  });

  it('keeps every save as an immutable version and serves each', async () => {
    const list = await app.inject({ url: '/api/templates/welcome-email/versions', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(list.json().versions.map((entry: { version: number; subject: string; name: string }) => [entry.version, entry.name, entry.subject])).toEqual([
      [3, 'Welcome', 'Welcome'],
      [2, 'Welcome email', 'Welcome aboard, {{ learner.firstName }}'],
      [1, 'Welcome email', welcome.subject],
    ]);
    const first = await app.inject({ url: '/api/templates/welcome-email/versions/1', headers: admin });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toEqual({ templateId: 'welcome-email', name: 'Welcome email', version: 1, subject: welcome.subject, html: welcome.html, text: welcome.text, createdAt: expect.any(String) });
    // A refused update wrote no version.
    expect((await app.inject({ url: '/api/templates/tips-1/versions', headers: admin })).json().versions).toHaveLength(1);
    const missing = await app.inject({ url: '/api/templates/welcome-email/versions/9', headers: admin });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toMatch(/Version 9 of template welcome-email/);
    expect((await app.inject({ url: '/api/templates/no-such-template/versions', headers: admin })).statusCode).toBe(404);
    const badNumber = await app.inject({ url: '/api/templates/welcome-email/versions/latest', headers: admin });
    expect(badNumber.statusCode).toBe(400);
    expect(issuePaths(badNumber.json())).toEqual([['version']]);
  });

  const course = {
    id: 'course-news',
    name: 'Course news',
    locale: 'en',
    subject: '{{ learner.firstName }}, {{ blocks.hero.headline }}',
    html: '<h1>{{ blocks.hero.headline }}</h1><a href="{{ blocks.hero.ctaUrl }}">{{ blocks.hero.ctaLabel }}</a><p>{{ interests | first }}: {{ activity.last.name }} {{ activity.last.lessonNumber }}</p><p>{{ event.courseTitle }} {{ coupon }}</p>',
    defaults: { 'learner.firstName': 'friend', 'event.courseTitle': 'your course' },
    blocks: {
      hero: {
        variants: [
          { segmentId: 'pro-plan', headline: 'Pro lessons are in', ctaLabel: 'Open', ctaUrl: 'https://example.com/pro' },
          { segmentId: 'not-yet-a-segment', headline: 'Soon', ctaLabel: 'Wait', ctaUrl: 'https://example.com/soon' },
        ],
        default: { headline: 'New lessons are in', ctaLabel: 'Look', ctaUrl: 'https://example.com/new' },
      },
    },
    locales: {
      fr: {
        subject: '{{ learner.firstName }}, {{ blocks.hero.headline }}',
        html: '<h1>{{ blocks.hero.headline }}</h1><p>{{ event.courseTitle }}</p>',
        blocks: { hero: { variants: [{ segmentId: 'pro-plan', headline: 'Nouvelles leçons pro', ctaLabel: 'Ouvrir', ctaUrl: 'https://example.com/fr/pro' }], default: { headline: 'Nouvelles leçons', ctaLabel: 'Voir', ctaUrl: 'https://example.com/fr' } } },
      },
    },
  };

  it('saves defaults, blocks and translations, returning unknown variables and segments as warnings', async () => {
    const created = await create(course);
    expect(created.statusCode).toBe(201);
    const { id: _id, ...content } = course;
    expect(created.json().template).toEqual({ id: 'course-news', ...content, version: 1, createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(created.json().warnings).toEqual([
      { path: ['html'], code: 'unknown_variable', variable: 'coupon', line: 1, column: course.html.indexOf('coupon') + 1, message: expect.stringMatching(/coupon is not a template variable/) },
      { path: ['blocks', 'hero', 'variants', 1, 'segmentId'], code: 'unknown_segment', message: expect.stringMatching(/not-yet-a-segment/) },
    ]);
    // A default for the variable makes it known.
    const updated = await update('course-news', { ...course, defaults: { ...course.defaults, coupon: 'WELCOME10' } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().warnings.map((warning: { code: string }) => warning.code)).toEqual(['unknown_segment']);
    expect(updated.json().template).toMatchObject({ version: 2, defaults: { 'learner.firstName': 'friend', 'event.courseTitle': 'your course', coupon: 'WELCOME10' } });
    expect((await app.inject({ url: '/api/templates/course-news/versions/2', headers: admin })).json().version).toMatchObject({ version: 2, defaults: { coupon: 'WELCOME10' }, blocks: course.blocks, locales: course.locales });
  });

  it('refuses Liquid errors inside translations and blocks, and malformed names, naming the field', async () => {
    const broken = await create({
      ...course,
      id: 'broken-news',
      locales: { fr: { ...course.locales.fr, html: '<p>\n{% for x in interests %}</p>' } },
      blocks: { hero: { ...course.blocks.hero, default: { ...course.blocks.hero.default, headline: '{{ learner.firstName | shout }}' } } },
    });
    expect(broken.statusCode).toBe(400);
    expect(issuePaths(broken.json())).toEqual([
      ['blocks', 'hero', 'default', 'headline'],
      ['locales', 'fr', 'html'],
    ]);
    expect(broken.json().error.details.issues[1]).toMatchObject({ line: 2, message: expect.stringMatching(/^line 2/) });
    const partial = await create({ name: 'Partial', subject: 'S', html: '{% render "footer" %}' });
    expect(partial.statusCode).toBe(400);
    expect(partial.json().error.details.issues).toEqual([expect.objectContaining({ path: ['html'], message: expect.stringMatching(/include other templates/) })]);

    const badLocale = await create({ ...course, id: 'bad-locale', locales: { 'french please': course.locales.fr } });
    expect(badLocale.statusCode).toBe(400);
    expect(issuePaths(badLocale.json())).toContainEqual(['locales', 'french please']);
    const badBlock = await create({ ...course, id: 'bad-block', blocks: { 'hero-1': course.blocks.hero } });
    expect(badBlock.statusCode).toBe(400);
    expect(issuePaths(badBlock.json())).toContainEqual(['blocks', 'hero-1']);
    const badVariant = await create({ ...course, id: 'bad-variant', blocks: { hero: { variants: [{ segmentId: 'pro-plan', headline: 'h' }], default: course.blocks.hero.default } } });
    expect(issuePaths(badVariant.json())).toEqual([
      ['blocks', 'hero', 'variants', 0, 'ctaLabel'],
      ['blocks', 'hero', 'variants', 0, 'ctaUrl'],
    ]);
    const badDefault = await create({ ...course, id: 'bad-default', defaults: { 'learner..name': 'x', 'blocks.hero': 'y' } });
    expect(badDefault.statusCode).toBe(400);
    expect(issuePaths(badDefault.json())).toContainEqual(['defaults', 'learner..name']);
    const blocksDefault = await create({ ...course, id: 'bad-default', defaults: { 'blocks.hero': 'y' } });
    expect(issuePaths(blocksDefault.json())).toEqual([['defaults', 'blocks.hero']]);
    for (const id of ['broken-news', 'bad-locale', 'bad-block', 'bad-variant', 'bad-default']) expect((await app.inject({ url: `/api/templates/${id}/versions`, headers: admin })).statusCode).toBe(404);
  });

  const preview = (templateId: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/templates/${templateId}/preview`, headers: admin, payload });

  it('previews for a stored learner: their locale, segments, interests and recent activity', async () => {
    expect((await store.models.learners.findById(ada).lean<LearnerDocument>())?.segmentIds).toContain('pro-plan');
    const french = await preview('course-news', { learnerId: ada });
    expect(french.statusCode).toBe(200);
    // fr-CA falls back to fr; the learner is in pro-plan; no event, so its default applies.
    expect(french.json()).toEqual({
      subject: 'Ada, Nouvelles leçons pro',
      html: '<h1>Nouvelles leçons pro</h1><p>your course</p>',
      text: 'Nouvelles leçons pro\n\nyour course',
      version: 2,
      locale: 'fr',
      variant: 'hero:pro-plan',
      warnings: [expect.objectContaining({ code: 'unknown_segment' })],
    });
    const english = await preview('course-news', { learnerId: ada, locale: 'en-GB', sample: { event: { courseTitle: 'UX Foundations' } } });
    expect(english.json()).toMatchObject({
      subject: 'Ada, Pro lessons are in',
      html: '<h1>Pro lessons are in</h1><a href="https://example.com/pro">Open</a><p>ux-foundations: Lesson Completed 2</p><p>UX Foundations WELCOME10</p>',
      locale: 'en',
      variant: 'hero:pro-plan',
    });
    const plain = await preview('course-news', { learnerId: ben });
    expect(plain.json()).toMatchObject({ subject: 'Ben, New lessons are in', variant: 'hero:default', locale: 'en', html: expect.stringContaining('<p>:  </p>') });
    const first = await preview('course-news', { learnerId: ben, version: 1 });
    expect(first.json()).toMatchObject({ version: 1, html: expect.stringContaining('<p>your course </p>') });
  });

  it('previews sample data', async () => {
    const response = await preview('course-news', {
      sample: {
        learner: { firstName: 'Zoe', interests: ['copywriting'] },
        event: { courseTitle: 'Copywriting that Converts' },
        segments: ['pro-plan'],
        activity: [{ name: 'Quiz Attempted', at: '2026-02-01T10:00:00Z', properties: { score: 90 } }],
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ subject: 'Zoe, Pro lessons are in', html: expect.stringContaining('<p>copywriting: Quiz Attempted </p><p>Copywriting that Converts WELCOME10</p>'), variant: 'hero:pro-plan', version: 2 });
    const empty = await preview('course-news', {});
    expect(empty.json()).toMatchObject({ subject: 'friend, New lessons are in', variant: 'hero:default' });
  });

  it('answers 404 naming an unknown learner or template, and 400 naming a bad preview field', async () => {
    const unknownLearner = await preview('course-news', { learnerId: 'nobody-here' });
    expect(unknownLearner.statusCode).toBe(404);
    expect(unknownLearner.json().error).toMatchObject({ code: 'not_found', message: 'Learner nobody-here not found' });
    expect((await preview('no-such-template', {})).statusCode).toBe(404);
    expect((await preview('course-news', { version: 7 })).statusCode).toBe(404);
    const both = await preview('course-news', { learnerId: ada, sample: { learner: { firstName: 'X' } } });
    expect(both.statusCode).toBe(400);
    expect(issuePaths(both.json())).toEqual([['sample', 'learner']]);
    const badLocale = await preview('course-news', { locale: 'no such locale' });
    expect(issuePaths(badLocale.json())).toEqual([['locale']]);
    const badTime = await preview('course-news', { sample: { activity: [{ name: 'X', at: 'yesterday' }] } });
    expect(issuePaths(badTime.json())).toEqual([['sample', 'activity', 0, 'at']]);
  });

  it('answers 400 naming the template field when it cannot render for the data', async () => {
    expect((await create({ id: 'slow', name: 'Slow', subject: 'S', html: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' })).statusCode).toBe(201);
    const response = await preview('slow', {});
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toMatchObject({ location: 'template', issues: [{ path: ['html'], code: 'render_failed' }] });
  });

  const previewDraft = (payload: Record<string, unknown>) => app.inject({ method: 'POST', url: '/api/templates/preview', headers: admin, payload });

  it('previews unsaved content exactly as the same content saved renders, without a version', async () => {
    // Version 1 of course-news is `course` as it stands; the editor sends the whole input, name and id included.
    for (const data of [{ learnerId: ada }, { learnerId: ada, locale: 'en', sample: { event: { courseTitle: 'UX Foundations' } } }, { sample: { learner: { firstName: 'Zoe' }, segments: ['pro-plan'] } }]) {
      const saved = await preview('course-news', { ...data, version: 1 });
      const draft = await previewDraft({ template: course, ...data });
      expect(draft.statusCode).toBe(200);
      const { version, ...rendered } = saved.json();
      expect(version).toBe(1);
      expect(draft.json()).toEqual(rendered);
    }
    // Warnings name paths inside the template, as a save's do.
    expect((await previewDraft({ template: course })).json().warnings).toEqual([expect.objectContaining({ path: ['html'], code: 'unknown_variable', variable: 'coupon' }), expect.objectContaining({ code: 'unknown_segment' })]);
    // Nothing was saved by previewing.
    expect((await app.inject({ url: '/api/templates/course-news/versions', headers: admin })).json().versions).toHaveLength(2);
  });

  it('answers 400 naming template.<field> and the line for unsaved Liquid that does not parse or render', async () => {
    const broken = await previewDraft({ template: { subject: 'Hi {{ learner.firstName', html: '<p>ok</p>\n<p>{% if learner.plan %}pro</p>', locales: { fr: { subject: 'Salut', html: '{{ x | shout }}' } } } });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('validation_failed');
    expect(issuePaths(broken.json())).toEqual([['template', 'subject'], ['template', 'html'], ['template', 'locales', 'fr', 'html']]);
    expect(broken.json().error.details.issues[1]).toMatchObject({ code: 'invalid_template', line: 2, message: expect.stringMatching(/^line 2, column \d+: /) });
    expect(broken.json().error.message).toMatch(/template\.html: line 2/);

    const slow = await previewDraft({ template: { subject: 'S', html: '{% for i in (1..100000000) %}{{ i }}{% endfor %}' } });
    expect(slow.statusCode).toBe(400);
    expect(slow.json().error.details).toMatchObject({ location: 'body', issues: [{ path: ['template', 'html'], code: 'render_failed' }] });
  });

  it('answers 400 naming a bad field of an unsaved preview, and 404 for an unknown learner', async () => {
    const noTemplate = await previewDraft({ learnerId: ada });
    expect(noTemplate.statusCode).toBe(400);
    expect(issuePaths(noTemplate.json())).toEqual([['template']]);
    const noHtml = await previewDraft({ template: { subject: 'S' } });
    expect(issuePaths(noHtml.json())).toEqual([['template', 'html']]);
    const both = await previewDraft({ template: { subject: 'S', html: 'h' }, learnerId: ada, sample: { segments: ['pro-plan'] } });
    expect(issuePaths(both.json())).toEqual([['sample', 'segments']]);
    const badLocale = await previewDraft({ template: { subject: 'S', html: 'h' }, locale: 'no such locale' });
    expect(issuePaths(badLocale.json())).toEqual([['locale']]);
    const unknownLearner = await previewDraft({ template: { subject: 'S', html: 'h' }, learnerId: 'nobody-here' });
    expect(unknownLearner.statusCode).toBe(404);
    expect(unknownLearner.json().error.message).toBe('Learner nobody-here not found');
  });

  it('renders the latest version on the send path, with the triggering event, and names its number', async () => {
    const learner = (await store.models.learners.findById(ada).lean<LearnerDocument>())!;
    const renderer = new TemplateRenderer(store.models);
    const rendered = await renderer.render({
      request: { idempotencyKey: 'k-1', learnerId: ada, templateId: 'course-news', channel: 'email', kind: 'marketing', triggerMessageId: 'ada-enrolled' },
      sendId: 'k-1',
      learner,
      traits: learner.traits as Record<string, unknown>,
      at: Date.UTC(2026, 0, 5),
    });
    expect(rendered).toEqual({ subject: 'Ada, Nouvelles leçons pro', html: '<h1>Nouvelles leçons pro</h1><p>UX Foundations</p>', text: 'Nouvelles leçons pro\n\nUX Foundations', templateVersion: 2, locale: 'fr', variant: 'hero:pro-plan', headers: {} });
    expect((await update('course-news', { ...course, locales: {} })).json().template.version).toBe(3);
    const latest = await renderer.render({ request: { idempotencyKey: 'k-2', learnerId: ada, templateId: 'course-news', channel: 'email', kind: 'marketing' }, sendId: 'k-2', learner, traits: {}, at: Date.UTC(2026, 0, 5) });
    expect(latest).toMatchObject({ templateVersion: 3, locale: 'en', subject: 'Ada, Pro lessons are in' });
    await expect(renderer.render({ request: { idempotencyKey: 'k-3', learnerId: ada, templateId: 'gone', channel: 'email', kind: 'marketing' }, sendId: 'k-3', learner, traits: {}, at: 0 })).rejects.toThrow(/template gone does not exist/);
  });

  it('documents the template routes in the OpenAPI spec', async () => {
    const response = await app.inject('/docs/json');
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining(['/api/templates/{templateId}/versions', '/api/templates/{templateId}/versions/{version}', '/api/templates/{templateId}/preview', '/api/templates/preview', '/api/templates/{templateId}/test-send', '/api/templates/test-send']),
    );
    expect(paths['/api/templates/preview'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('template');
    expect(paths['/api/templates/{templateId}/preview'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('learnerId');
  });

  it('needs an admin key', async () => {
    expect((await app.inject({ url: '/api/templates' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates', payload: welcome })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates/welcome-email' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: '/api/templates/welcome-email', payload: welcome })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates/welcome-email/versions' })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates/welcome-email/versions/1' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates/welcome-email/preview', payload: {} })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates/preview', payload: { template: welcome } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates/welcome-email/test-send', payload: { to: 'me@example.com' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates/test-send', payload: { to: 'me@example.com', template: welcome } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates', headers: { authorization: 'Bearer not-a-key' } })).statusCode).toBe(401);
    const write = bearer((await new ApiKeys(store.models).create({ name: 'website', kind: 'write' })).secret);
    expect((await app.inject({ url: '/api/templates', headers: write })).statusCode).toBe(403);
  });
});
