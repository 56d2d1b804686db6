import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const welcome = { name: 'Welcome email', subject: 'Welcome, {{ learner.firstName | default: "friend" }}', html: '<p>Hi {{ learner.firstName }}</p>', text: 'Hi {{ learner.firstName }}' };

describe('template API', () => {
  let store: Store;
  let app: FastifyInstance;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore('templatesapi');
    built = await buildTestApp(store);
    app = built.app;
    admin = bearer((await new ApiKeys(store.models).create({ name: 'marketer', kind: 'admin' })).secret);
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
    expect(broken.json().error.details.issues[1]).toMatchObject({ code: 'invalid_template', message: expect.stringMatching(/not closed/) });
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

  it('needs an admin key', async () => {
    expect((await app.inject({ url: '/api/templates' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/templates', payload: welcome })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates/welcome-email' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'PUT', url: '/api/templates/welcome-email', payload: welcome })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/templates', headers: { authorization: 'Bearer not-a-key' } })).statusCode).toBe(401);
    const write = bearer((await new ApiKeys(store.models).create({ name: 'website', kind: 'write' })).secret);
    expect((await app.inject({ url: '/api/templates', headers: write })).statusCode).toBe(403);
  });
});
