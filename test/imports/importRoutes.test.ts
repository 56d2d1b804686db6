import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { ApiKeys } from '../../api/keys/apiKeys';
import { errorBodySchema } from '../../domain/errors';
import { Ingestion } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore } from '../support/env';

const hubspotFile = ['Record ID,First Name,Email,City', '1,Ada,ada@example.com,London', '2,Bo,,Malmö', '3,Cleo,cleo@example.com,Lyon'].join('\n');

describe('CSV import API', () => {
  let store: Store;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let admin: Record<string, string>;

  beforeAll(async () => {
    store = await openTestStore('importroutes');
    ({ app, close } = await buildTestApp(store));
    admin = bearer((await new ApiKeys(store.models).create({ name: 'ops', kind: 'admin' })).secret);
  });
  afterAll(async () => {
    await close();
    await dropAndClose(store);
  });

  const upload = (url: string, payload: string | Readable, headers: Record<string, string> = admin) =>
    app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' }, payload });

  async function finished(id: string) {
    for (let attempt = 0; attempt < 300; attempt += 1) {
      const response = await app.inject({ url: `/api/imports/${id}`, headers: admin });
      expect(response.statusCode).toBe(200);
      if (response.json().status !== 'running') return response.json();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import ${id} did not finish`);
  }

  it('imports an upload in the background and reports progress and error rows', async () => {
    const response = await upload('/api/imports?preset=hubspot', hubspotFile);
    expect(response.statusCode).toBe(202);
    const { id } = response.json();

    const job = await finished(id);
    expect(job).toMatchObject({ id, status: 'done', source: 'hubspot', rowsRead: 3, imported: 2, duplicates: 0, errors: 1, bytesRead: Buffer.byteLength(hubspotFile), totalBytes: Buffer.byteLength(hubspotFile) });
    expect(new Date(job.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(job.startedAt).getTime());
    expect((await store.models.learners.findOne({ emails: 'cleo@example.com' }).lean())?.traits).toMatchObject({ hubspotId: '3', city: 'Lyon' });

    const errors = await app.inject({ url: `/api/imports/${id}/errors`, headers: admin });
    expect(errors.json()).toEqual({ errors: [{ line: 3, reason: 'no email address and no userId', row: '2,Bo,,Malmö' }], page: 1, pages: 1 });
    expect((await app.inject({ url: `/api/imports/${id}/errors?page=2`, headers: admin })).json()).toEqual({ errors: [], page: 2, pages: 1 });

    // The same file again: every row is a duplicate.
    const again = await finished((await upload('/api/imports?preset=hubspot', hubspotFile)).json().id);
    expect(again).toMatchObject({ status: 'done', imported: 0, duplicates: 2, errors: 1 });
  });

  it('takes a streamed body and a mapping, and pages many error rows', async () => {
    async function* file() {
      yield 'Member,Mail\n';
      for (let index = 0; index < 30; index += 1) yield `m-${index},member${index}@example.com\n`;
      for (let index = 0; index < 120; index += 1) yield `,\n`;
    }
    const mapping = encodeURIComponent(JSON.stringify({ Member: 'userId', Mail: 'email' }));
    const response = await upload(`/api/imports?mapping=${mapping}`, Readable.from(file()));
    expect(response.statusCode).toBe(202);
    const job = await finished(response.json().id);
    expect(job).toMatchObject({ status: 'done', source: 'custom', rowsRead: 150, imported: 30, errors: 120 });
    expect(await store.models.learners.countDocuments({ userId: /^m-/ })).toBe(30);

    const second = (await app.inject({ url: `/api/imports/${job.id}/errors?page=2`, headers: admin })).json();
    expect(second).toMatchObject({ page: 2, pages: 2 });
    expect(second.errors.map((error: { line: number }) => error.line)).toEqual(Array.from({ length: 20 }, (_, index) => 132 + index));
  });

  it('takes uploads beyond the JSON body limit, and marks the job failed when the header cannot be imported', async () => {
    const file = `Name,Phone\n${'Al,1\n'.repeat(300_000)}`;
    const job = await finished((await upload('/api/imports?preset=klaviyo', file)).json().id);
    expect(job).toMatchObject({ status: 'failed', rowsRead: 0, totalBytes: file.length, failure: expect.stringMatching(/No column holds an email address or a userId/) });
  });

  it('stops running imports when the API shuts down, saying how to finish them', async () => {
    class SlowStore extends Ingestion {
      override async ingest(messages: readonly unknown[]) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return { accepted: messages.length, duplicates: 0, rejected: [], warnings: [], learnerIds: {} };
      }
    }
    const other = await buildTestApp(store, { ingestion: new SlowStore(store.models) });
    const rows = Array.from({ length: 5_000 }, (_, index) => `shutdown${index}@example.com`).join('\n');
    const response = await other.app.inject({ method: 'POST', url: '/api/imports', headers: { ...admin, 'content-type': 'text/csv' }, payload: `Email\n${rows}` });
    expect(response.statusCode).toBe(202);
    await other.close();

    const job = await store.models.importJobs.findById(response.json().id).lean();
    expect(job).toMatchObject({ status: 'failed', failure: expect.stringMatching(/API process stopped during the import/) });
    expect(job!.rowsRead).toBeLessThan(5_000);
  });

  it('refuses bad requests before importing anything', async () => {
    const badPreset = await upload('/api/imports?preset=mailchimp', hubspotFile);
    expect(badPreset.statusCode).toBe(400);
    const badMapping = await upload(`/api/imports?mapping=${encodeURIComponent('{"Email": "a.b"}')}`, hubspotFile);
    expect(badMapping.statusCode).toBe(400);
    expect(errorBodySchema.parse(badMapping.json()).error.details).toMatchObject({ location: 'querystring' });
    const notCsv = await app.inject({ method: 'POST', url: '/api/imports', headers: admin, payload: { rows: [] } });
    expect(notCsv.statusCode).toBe(415);
    const tooLarge = await upload('/api/imports', hubspotFile, { ...admin, 'content-length': String(201 * 1024 * 1024) });
    expect(tooLarge.statusCode).toBe(413);
    expect((await app.inject({ url: '/api/imports/nope', headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ url: '/api/imports/nope/errors', headers: admin })).statusCode).toBe(404);
  });

  it('needs an admin key', async () => {
    expect((await upload('/api/imports?preset=hubspot', hubspotFile, {})).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/imports/any' })).statusCode).toBe(401);
    const writeKey = (await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret;
    expect((await upload('/api/imports?preset=hubspot', hubspotFile, bearer(writeKey))).statusCode).toBe(403);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const spec = (await app.inject('/docs/json')).json();
    expect(spec.paths['/api/imports']?.post).toBeDefined();
    expect(spec.paths['/api/imports/{id}']?.get).toBeDefined();
    expect(spec.paths['/api/imports/{id}/errors']?.get).toBeDefined();
  });
});
