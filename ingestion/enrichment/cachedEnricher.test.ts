import { Store } from '../../store/connection';
import { enrichmentCacheModel } from '../../store/models/enrichmentCache';
import { rateLimitWindowModel } from '../../store/models/rateLimitWindow';
import { dropAndClose, openTestStore, testConfig } from '../../test/support/env';
import { withCacheAndRateLimit, type EnrichmentModels } from './cachedEnricher';
import { EnrichmentLookupError, type ThirdPartyEnricher } from './httpEnricher';

const HOUR_MS = 3_600_000;

/** A provider that knows the people of acme.com, counting the calls it gets. */
function fakeEnricher(name = 'people'): ThirdPartyEnricher & { calls: string[]; failNext: boolean } {
  const fake = {
    name,
    calls: [] as string[],
    failNext: false,
    async lookup(email: string) {
      fake.calls.push(email);
      if (fake.failNext) {
        fake.failNext = false;
        throw new EnrichmentLookupError(`${name} answered HTTP 503`);
      }
      return email.endsWith('@acme.com') ? { company: 'Acme', lookedUp: fake.calls.length } : undefined;
    },
  };
  return fake;
}

let store: Store;
/** A second connection to the same database, standing in for another API or worker process. */
let otherProcess: Store;
let models: EnrichmentModels;
let otherProcessModels: EnrichmentModels;

const modelsOf = (connected: Store): EnrichmentModels => ({
  enrichmentCache: enrichmentCacheModel(connected.connection),
  rateLimitWindows: rateLimitWindowModel(connected.connection),
});
let clock: Date;
const now = () => clock;

beforeAll(async () => {
  store = await openTestStore('enrich');
  models = modelsOf(store);
  await models.rateLimitWindows.createIndexes();
  otherProcess = Store.open({ uri: testConfig().store.uri, database: store.connection.name });
  await otherProcess.waitUntilConnected(30_000);
  otherProcessModels = modelsOf(otherProcess);
});

afterAll(async () => {
  await otherProcess.close();
  await dropAndClose(store);
});

beforeEach(async () => {
  // Each test starts in a fresh minute with an empty cache.
  clock = new Date('2025-01-01T10:00:00Z');
  await models.enrichmentCache.deleteMany({});
  await models.rateLimitWindows.deleteMany({});
});

describe('withCacheAndRateLimit', () => {
  test('serves a second lookup from the cache', async () => {
    const provider = fakeEnricher();
    const cached = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    expect(cached.name).toBe('people');
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 1 });
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 1 });
    // The key ignores case and surrounding spaces, as addresses do.
    expect(await cached.lookup(' JANE@acme.com ')).toEqual({ company: 'Acme', lookedUp: 1 });
    expect(provider.calls).toEqual(['jane@acme.com']);
  });

  test('caches "nothing found" too', async () => {
    const provider = fakeEnricher();
    const cached = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    expect(await cached.lookup('someone@gmail.com')).toBeUndefined();
    expect(await cached.lookup('someone@gmail.com')).toBeUndefined();
    expect(provider.calls).toHaveLength(1);
  });

  test('shares the cache between processes', async () => {
    const provider = fakeEnricher();
    const apiProcess = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    const workerProcess = withCacheAndRateLimit(provider, { models: otherProcessModels, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    await apiProcess.lookup('jane@acme.com');
    expect(await workerProcess.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 1 });
    expect(provider.calls).toHaveLength(1);
  });

  test('keeps the answers of different providers apart', async () => {
    const first = fakeEnricher('first');
    const second = fakeEnricher('second');
    await withCacheAndRateLimit(first, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now }).lookup('jane@acme.com');
    await withCacheAndRateLimit(second, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now }).lookup('jane@acme.com');
    expect([first.calls, second.calls]).toEqual([['jane@acme.com'], ['jane@acme.com']]);
  });

  test('refreshes an expired entry', async () => {
    const provider = fakeEnricher();
    const cached = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    await cached.lookup('jane@acme.com');
    clock = new Date(clock.getTime() + HOUR_MS - 1);
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 1 });
    clock = new Date(clock.getTime() + 1);
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 2 });
    clock = new Date(clock.getTime() + 1_000);
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 2 });
    expect(provider.calls).toHaveLength(2);
    expect(await models.enrichmentCache.countDocuments()).toBe(1);
  });

  test('stores a hash of the address, never the address', async () => {
    await withCacheAndRateLimit(fakeEnricher(), { models, ttlMs: HOUR_MS, maxPerMinute: 100, now }).lookup('jane@acme.com');
    const entries = await models.enrichmentCache.find().lean();
    expect(entries).toHaveLength(1);
    expect(entries[0]?._id).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(entries)).not.toContain('jane');
    expect(entries[0]).toMatchObject({ enricher: 'people', result: { company: 'Acme' }, fetchedAt: clock, expiresAt: new Date(clock.getTime() + HOUR_MS) });
  });

  test('respects the rate limit across two wrappers sharing the store, then resumes the next minute', async () => {
    const provider = fakeEnricher();
    const first = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 3, now });
    const second = withCacheAndRateLimit(provider, { models: otherProcessModels, ttlMs: HOUR_MS, maxPerMinute: 3, now });
    const emails = ['a@acme.com', 'b@acme.com', 'c@acme.com', 'd@acme.com', 'e@acme.com', 'f@acme.com'];
    const results = [];
    for (const [index, email] of emails.entries()) results.push(await (index % 2 === 0 ? first : second).lookup(email));
    expect(provider.calls).toEqual(['a@acme.com', 'b@acme.com', 'c@acme.com']);
    expect(results.filter((result) => result === undefined)).toHaveLength(3);
    // Skipped lookups are not cached as "nothing found": the next minute asks the provider.
    clock = new Date(clock.getTime() + 60_000);
    expect(await second.lookup('d@acme.com')).toEqual({ company: 'Acme', lookedUp: 4 });
    // Cache hits do not count against the limit.
    for (const email of ['a@acme.com', 'b@acme.com', 'c@acme.com', 'd@acme.com']) await first.lookup(email);
    expect(await first.lookup('e@acme.com')).toEqual({ company: 'Acme', lookedUp: 5 });
  });

  test.each([
    [5, 20],
    [20, 40],
  ])('holds a limit of %d when %d lookups race from two processes', async (maxPerMinute, lookups) => {
    const provider = fakeEnricher();
    const wrappers = [
      withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute, now }),
      withCacheAndRateLimit(provider, { models: otherProcessModels, ttlMs: HOUR_MS, maxPerMinute, now }),
    ];
    const emails = Array.from({ length: lookups }, (_, index) => `learner${index}@acme.com`);
    const results = await Promise.all(emails.map((email, index) => wrappers[index % 2]?.lookup(email)));
    expect(provider.calls).toHaveLength(maxPerMinute);
    expect(results.filter((result) => result !== undefined)).toHaveLength(maxPerMinute);
  });

  test('a limit of zero never calls the provider', async () => {
    const provider = fakeEnricher();
    expect(await withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 0, now }).lookup('jane@acme.com')).toBeUndefined();
    expect(provider.calls).toEqual([]);
  });

  test('clears finished windows when a new one starts', async () => {
    const cached = withCacheAndRateLimit(fakeEnricher(), { models, ttlMs: HOUR_MS, maxPerMinute: 100, now });
    await cached.lookup('a@acme.com');
    await cached.lookup('b@acme.com');
    clock = new Date(clock.getTime() + 5 * 60_000);
    await cached.lookup('c@acme.com');
    const windows = await models.rateLimitWindows.find().lean();
    expect(windows).toEqual([{ _id: 'enrichment:people:2025-01-01T10:05:00.000Z:1', resource: 'enrichment:people', windowStart: clock }]);
  });

  test('skips a failed lookup without caching it, and tells about it', async () => {
    const provider = fakeEnricher();
    const failures: unknown[] = [];
    const cached = withCacheAndRateLimit(provider, { models, ttlMs: HOUR_MS, maxPerMinute: 100, now, onLookupFailed: (error) => failures.push(error) });
    provider.failNext = true;
    expect(await cached.lookup('jane@acme.com')).toBeUndefined();
    expect(failures).toEqual([new EnrichmentLookupError('people answered HTTP 503')]);
    expect(await models.enrichmentCache.countDocuments()).toBe(0);
    expect(await cached.lookup('jane@acme.com')).toEqual({ company: 'Acme', lookedUp: 2 });
  });
});
