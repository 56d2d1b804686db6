import { Readable } from 'node:stream';
import { importCsv, ImportStoppedError, type ImportCsvOptions, type RowError } from '../../imports/csvImport';
import { Ingestion, type IngestOptions } from '../../ingestion/pipeline';
import type { Store } from '../../store/connection';
import { dropAndClose, openTestStore } from '../support/env';

const hubspotFile = [
  'Record ID,First Name,Last Name,Email,Phone Number,Country/Region,City,Job Title,Company Name,Create Date,Unsubscribed from all email',
  '101,Ada,Okafor,Ada@Example.com,+44 20 7946 0958,United Kingdom,London,Designer,Acme,2026-03-01,false',
  '102,Bo,Lind,bo@example.com,,Sweden,Malmö,Teacher,,2026-03-02,true',
  '103,Cleo,Martin,cleo@example.com,,France,"Lyon, 2e",,Studio M,2026-03-03,',
].join('\n');

const activeCampaignFile = ['Email,First Name,Last Name,Phone,Organization,Tags,Status', 'dan@example.com,Dan,Ng,+1 415 555 0100,Ng Ltd,"webinar, trial",Active', 'eve@example.com,Eve,Ito,,,,Unsubscribed'].join('\r\n');

const klaviyoFile = ['Email,Phone Number,First Name,Last Name,Organization,Title,City,State / Region,Country,Zip Code,Email Marketing Consent', 'fay@example.com,+1 415 555 0100,Fay,Wu,Wu Co,CEO,San Francisco,California,United States,94103,SUBSCRIBED'].join('\n');

describe('CSV import into the real store', () => {
  let store: Store;
  let ingestion: Ingestion;

  beforeEach(async () => {
    store = await openTestStore('csvimport');
    ingestion = new Ingestion(store.models);
  });
  afterEach(async () => {
    await dropAndClose(store);
  });

  const run = (text: string, options: Omit<ImportCsvOptions, 'ingestion'> = {}) => importCsv(Readable.from([text]), { ingestion, ...options });
  const learnerWith = (email: string) => store.models.learners.findOne({ emails: email }).lean();

  it('imports a HubSpot export as learners with the mapped traits', async () => {
    const summary = await run(hubspotFile, { preset: 'hubspot' });
    expect(summary).toMatchObject({ rowsRead: 3, imported: 3, duplicates: 0, errors: 0, bytesRead: Buffer.byteLength(hubspotFile) });

    const ada = await learnerWith('ada@example.com');
    expect(ada).toMatchObject({
      anonymousIds: [], emails: ['ada@example.com'],
      // The pipeline normalises country and phone (domain/normalise).
      traits: { hubspotId: '101', firstName: 'Ada', lastName: 'Okafor', email: 'ada@example.com', phone: '+442079460958', country: 'GB', city: 'London', jobTitle: 'Designer', company: 'Acme', createdAt: '2026-03-01', unsubscribed: false },
    });
    expect((await learnerWith('bo@example.com'))?.traits).toMatchObject({ city: 'Malmö', unsubscribed: true });
    const cleo = await learnerWith('cleo@example.com');
    expect(cleo?.traits).toMatchObject({ city: 'Lyon, 2e', company: 'Studio M' });
    expect(cleo?.traits).not.toHaveProperty('unsubscribed');
    expect(cleo?.traits).not.toHaveProperty('jobTitle');
    expect(await store.models.learnerEvents.countDocuments({ source: 'csv', name: 'Identified' })).toBe(3);
  });

  it('imports ActiveCampaign and Klaviyo exports', async () => {
    expect(await run(activeCampaignFile, { preset: 'activecampaign' })).toMatchObject({ imported: 2, errors: 0 });
    expect((await learnerWith('dan@example.com'))?.traits).toMatchObject({ firstName: 'Dan', phone: '+14155550100', company: 'Ng Ltd', tags: ['webinar', 'trial'], unsubscribed: false });
    expect((await learnerWith('eve@example.com'))?.traits).toMatchObject({ lastName: 'Ito', unsubscribed: true });

    expect(await run(klaviyoFile, { preset: 'klaviyo' })).toMatchObject({ imported: 1, errors: 0 });
    expect(await learnerWith('fay@example.com')).toMatchObject({
      anonymousIds: [], emails: ['fay@example.com'],
      traits: { phone: '+14155550100', company: 'Wu Co', jobTitle: 'CEO', region: 'California', country: 'US', postalCode: '94103', unsubscribed: false },
    });
  });

  it('imports any CSV through a mapping, with the userId it names', async () => {
    const file = ['Member #,E-mail,Given name,Notes', 'm-1,gus@example.com,Gus,skip me'].join('\n');
    const summary = await run(file, { mapping: { 'Member #': 'userId', 'E-mail': 'email', 'Given name': 'firstName', Notes: 'skip' } });
    expect(summary).toMatchObject({ imported: 1, errors: 0 });
    const gus = await store.models.learners.findOne({ userId: 'm-1' }).lean();
    expect(gus).toMatchObject({ emails: ['gus@example.com'], anonymousIds: [] });
    expect(gus?.traits).toMatchObject({ email: 'gus@example.com', firstName: 'Gus' });
    expect(gus?.traits).not.toHaveProperty('notes');
  });

  it('changes nothing when the same file is imported again, and applies a changed row', async () => {
    await run(hubspotFile, { preset: 'hubspot' });
    const events = await store.models.learnerEvents.countDocuments();
    const before = await learnerWith('ada@example.com');

    // Column order and surrounding spaces do not make a row new: the content is what counts.
    expect(await run(hubspotFile.replace('101,Ada,', '101, Ada ,'), { preset: 'hubspot' })).toMatchObject({ rowsRead: 3, imported: 0, duplicates: 3, errors: 0 });
    expect(await store.models.learnerEvents.countDocuments()).toBe(events);
    expect(await learnerWith('ada@example.com')).toEqual(before);

    const moved = hubspotFile.replace('United Kingdom,London', 'United Kingdom,Leeds');
    expect(await run(moved, { preset: 'hubspot' })).toMatchObject({ imported: 1, duplicates: 2 });
    expect((await learnerWith('ada@example.com'))?.traits).toMatchObject({ city: 'Leeds', firstName: 'Ada' });
  });

  it('reports every rejected row with its line, reason and raw text, and imports the others', async () => {
    const file = [
      'Email,First Name,Notes', // line 1
      'hal@example.com,Hal,"two', // lines 2-3: a quoted cell with a line break
      'lines"',
      '', // line 4: blank, skipped
      ',Ivy,no email', // line 5
      'not-an-email,Jo,', // line 6
      'kim@example.com,Kim,one,too many', // line 7
      `lee@example.com,Lee,${'x'.repeat(33 * 1024)}`, // line 8: over the pipeline's 32 KB message limit
      'max@example.com,Max,', // line 9
      'ned@example.com,"Ned', // line 10: a quote never closed swallows the rest
      'oz@example.com,Oz,',
    ].join('\r\n');
    const errors: RowError[] = [];
    const summary = await run(file, { preset: 'hubspot', onRowError: (error) => void errors.push(error) });

    expect(summary).toMatchObject({ rowsRead: 7, imported: 2, errors: 5 });
    expect(errors.map(({ line, reason }) => [line, reason])).toEqual([
      [5, 'no email address and no userId'],
      [6, '"not-an-email" is not an email address'],
      [7, 'the row has 4 cells but the header has 3'],
      [8, expect.stringMatching(/limit is 32768/)],
      [10, expect.stringMatching(/quote opened here is never closed/)],
    ]);
    expect(errors[0]!.row).toBe(',Ivy,no email');
    expect(errors[4]!.row).toBe('ned@example.com,"Ned\r\noz@example.com,Oz,');
    expect((await learnerWith('hal@example.com'))?.traits).toMatchObject({ notes: 'two\r\nlines' });
    expect(await learnerWith('max@example.com')).not.toBeNull();
  });

  it('stops before reading rows when the header cannot be imported', async () => {
    await expect(run('Name,Phone\nAl,1', { preset: 'klaviyo' })).rejects.toThrow(/No column holds an email address or a userId/);
    await expect(run('Email\na@example.com', { mapping: { Mail: 'email' } })).rejects.toThrow(/The mapping names "Mail"/);
    const empty = run('', { preset: 'hubspot' });
    await expect(empty).rejects.toBeInstanceOf(ImportStoppedError);
    await expect(empty).rejects.toThrow('The file is empty: it has no header row.');
  });

  it('streams a 20,000-row file with a bounded number of rows in flight', async () => {
    const rows = 20_000;
    const batchSize = 250;
    let produced = 0;
    async function* generatedFile() {
      yield 'Email,First Name,City\n';
      for (let index = 0; index < rows; index += 1) {
        produced += 1;
        yield `learner${index}@example.com,Learner ${index},City ${index % 50}\n`;
      }
    }
    // Counts the rows the file has produced but the store has not yet taken. It stands in for the
    // store (which takes minutes for 20,000 new learners) and, like a store, takes a moment per batch:
    // a reader without back-pressure would race through the whole file meanwhile.
    let ingested = 0;
    let mostInFlight = 0;
    class CountingIngestion extends Ingestion {
      override async ingest(messages: readonly unknown[], options: IngestOptions) {
        expect(options.source).toBe('csv');
        mostInFlight = Math.max(mostInFlight, produced - ingested);
        await new Promise((resolve) => setTimeout(resolve, 5));
        ingested += messages.length;
        return { accepted: messages.length, duplicates: 0, rejected: [], warnings: [], learnerIds: {} };
      }
    }

    const summary = await importCsv(Readable.from(generatedFile()), { ingestion: new CountingIngestion(store.models), batchSize });
    expect(summary).toMatchObject({ rowsRead: rows, imported: rows, errors: 0 });
    expect(ingested).toBe(rows);
    // One batch plus what the stream buffers hold (tens of KB: about a thousand of these short lines on
    // Node 20, more where Node's default buffers are larger), never the file.
    expect(mostInFlight).toBeGreaterThanOrEqual(batchSize);
    expect(mostInFlight).toBeLessThan(5_000);
  });
});
