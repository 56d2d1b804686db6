import { Schema } from 'mongoose';
import type { Store } from '../../store/connection';
import { writeSerially } from '../../store/serialWrites';
import { dropAndClose, openTestStore, testConfig } from '../support/env';
import { Store as StoreClass } from '../../store/connection';

interface Counter {
  _id: string;
  n: number;
  seen: string[];
  revision?: number;
}
const counterSchema = new Schema<Counter>({ _id: String, n: Number, seen: [String], revision: Number }, { versionKey: false, collection: 'counters' });

describe('serialised writes', () => {
  let first: Store;
  let second: Store;

  beforeAll(async () => {
    first = await openTestStore('serial');
    // A second connection to the same database stands in for a second API process.
    second = StoreClass.open({ uri: testConfig().store.uri, database: first.connection.name });
    await second.waitUntilConnected(30_000);
  });
  afterAll(async () => {
    await second.close();
    await dropAndClose(first);
  });

  it('loses no write when two processes update one document 100 times at once', async () => {
    const models = [first, second].map((store) => ({ counters: store.connection.model('Counter', counterSchema), claims: store.models.writeClaims }));
    await models[0]!.counters.create({ _id: 'c', n: 0, seen: [] });
    await Promise.all(
      Array.from({ length: 100 }, (_, index) => {
        const { counters, claims } = models[index % 2]!;
        return writeSerially<Counter>({
          model: counters,
          claims,
          id: 'c',
          decide: (current) => ({ set: { n: current.n + 1, seen: [...current.seen, `w${index}`] } }),
        });
      }),
    );
    const counter = await models[0]!.counters.findById('c').lean();
    expect(counter?.n).toBe(100);
    expect(new Set(counter?.seen).size).toBe(100);
    expect(counter?.revision).toBe(100);
  });

  it('follows a redirect and writes nothing when there is nothing to change', async () => {
    const counters = first.connection.model('Counter', counterSchema);
    await counters.create({ _id: 'old', n: 0, seen: [] }, { _id: 'new', n: 5, seen: [] });
    const unchanged = await writeSerially<Counter>({ model: counters, claims: first.models.writeClaims, id: 'new', decide: () => undefined });
    expect(unchanged).toEqual({ id: 'new', written: false });
    const redirected = await writeSerially<Counter>({
      model: counters,
      claims: first.models.writeClaims,
      id: 'old',
      decide: (current) => (current._id === 'old' ? { redirect: 'new' } : { set: { n: current.n + 1 } }),
    });
    expect(redirected).toEqual({ id: 'new', written: true });
    expect((await counters.findById('new').lean())?.n).toBe(6);
  });

  it('uses a document the caller just read without reading it again, and reads it when the guess is stale', async () => {
    const counters = first.connection.model('Counter', counterSchema);
    await counters.create({ _id: 'guessed', n: 0, seen: [], revision: 2 });
    const write = (known: Counter, tag: string) =>
      writeSerially<Counter>({ model: counters, claims: first.models.writeClaims, id: 'guessed', known, decide: (current) => ({ set: { n: current.n + 1, seen: [...current.seen, tag] } }) });
    const fresh = (await counters.findById('guessed').lean<Counter>())!;
    await write(fresh, 'first');
    // The same, now one revision behind: the claim of its next revision is taken, so it is read.
    await write(fresh, 'second');
    expect(await counters.findById('guessed').lean()).toMatchObject({ n: 2, seen: ['first', 'second'], revision: 4 });

    // Behind by a revision whose writer died long ago: a reader would step over that claim, a guess must not.
    await first.models.writeClaims.create({ _id: 'counters:guessed:5', at: new Date(Date.now() - 600_000) });
    await counters.updateOne({ _id: 'guessed' }, { $set: { n: 10, seen: ['written by the dead claim'], revision: 5 } });
    await write({ ...fresh, revision: 4, n: 2, seen: ['first', 'second'] }, 'third');
    expect(await counters.findById('guessed').lean()).toMatchObject({ n: 11, seen: ['written by the dead claim', 'third'], revision: 6 });
  });

  it('steps over a claim whose writer died once its lease has passed', async () => {
    const counters = first.connection.model('Counter', counterSchema);
    await counters.create({ _id: 'orphan', n: 1, seen: [], revision: 3 });
    await first.models.writeClaims.create({ _id: 'counters:orphan:4', at: new Date() });
    let clock = Date.now();
    const result = writeSerially<Counter>({
      model: counters,
      claims: first.models.writeClaims,
      id: 'orphan',
      now: () => (clock += 10_000),
      decide: (current) => ({ set: { n: current.n + 1 } }),
    });
    await expect(result).resolves.toEqual({ id: 'orphan', written: true });
    expect(await counters.findById('orphan').lean()).toMatchObject({ n: 2, revision: 5 });
  });

  it('steps over an old claim at once, by the age of the claim itself, even for a writer that just arrived', async () => {
    const counters = first.connection.model('Counter', counterSchema);
    await counters.create({ _id: 'killed', n: 1, seen: [], revision: 7 });
    // The writer that claimed revision 8 was killed ten minutes ago, before writing it.
    await first.models.writeClaims.create({ _id: 'counters:killed:8', at: new Date(Date.now() - 600_000) });
    const started = Date.now();
    await expect(writeSerially<Counter>({ model: counters, claims: first.models.writeClaims, id: 'killed', decide: (current) => ({ set: { n: current.n + 1 } }) })).resolves.toEqual({ id: 'killed', written: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await counters.findById('killed').lean()).toMatchObject({ n: 2, revision: 9 });
    // A claim still within its lease is respected: its writer may be about to write.
    await first.models.writeClaims.create({ _id: 'counters:killed:10', at: new Date() });
    let clock = Date.now();
    const waiting = writeSerially<Counter>({ model: counters, claims: first.models.writeClaims, id: 'killed', now: () => (clock += 1_000), decide: (current) => ({ set: { n: current.n + 1 } }) });
    await expect(waiting).resolves.toEqual({ id: 'killed', written: true });
    expect(clock - started).toBeGreaterThan(30_000);
  });
});
