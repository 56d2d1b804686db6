import { StoreUnavailableError } from '../store/errors';
import type { StoreModels } from '../store/connection';
import { Ingestion, type IngestResult } from './pipeline';

const ok: IngestResult = { accepted: 1, duplicates: 0, rejected: [], warnings: [], learnerIds: {} };

/** A pipeline whose store fails the first `failures` calls. */
class FlakyStore extends Ingestion {
  calls = 0;
  constructor(private readonly failures: number, private readonly failure: Error) {
    super({} as StoreModels);
  }
  override async ingest(): Promise<IngestResult> {
    this.calls += 1;
    if (this.calls <= this.failures) throw this.failure;
    return ok;
  }
}

describe('ingesting with retries', () => {
  it('sends the batch again after transient store failures', async () => {
    const flaky = new FlakyStore(2, new Error('database is locked (5) (SQLITE_BUSY)'));
    await expect(flaky.ingestRetrying([{}], { source: 'csv' })).resolves.toEqual(ok);
    expect(flaky.calls).toBe(3);
  });

  it('gives up after its attempts, and never retries other errors', async () => {
    const down = new FlakyStore(10, new StoreUnavailableError('down'));
    await expect(down.ingestRetrying([{}], { source: 'csv' }, 2)).rejects.toThrow('down');
    expect(down.calls).toBe(2);
    const bug = new FlakyStore(1, new TypeError('bug'));
    await expect(bug.ingestRetrying([{}], { source: 'csv' })).rejects.toThrow('bug');
    expect(bug.calls).toBe(1);
  });
});
