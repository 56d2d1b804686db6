import mongoose from 'mongoose';
import { identityModel } from '../../store/models/identity';
import { findManyById, findOneAndUpdateByIdWhere, meets, updateManyById, updateOneByIdWhere } from '../../store/byId';
import { messageSendModel } from '../../store/models/messageSend';
import { dropAndClose, openTestStore, testConfig } from '../support/env';

describe('documents by id, in either lookup strategy', () => {
  it('finds and updates the same documents one by one (FerretDB) or with $in (MongoDB)', async () => {
    const store = await openTestStore('byid');
    // A connection Store did not open is never marked, so it takes the single-query ($in) path.
    const plain = await mongoose.createConnection(testConfig().store.uri, { dbName: store.connection.name }).asPromise();
    try {
      await store.models.identities.insertMany(Array.from({ length: 40 }, (_, index) => ({ _id: `user:${index}`, learnerId: `l${index}`, createdAt: new Date() })));
      const ids = ['user:3', 'user:7', 'user:7', 'user:99'];
      for (const model of [store.models.identities, identityModel(plain)]) {
        const found = await findManyById<{ _id: string; learnerId: string }>(model, ids, { learnerId: 1 });
        expect([...found.keys()].sort()).toEqual(['user:3', 'user:7']);
        expect(found.get('user:7')?.learnerId).toBe('l7');
      }
      await updateManyById(store.models.identities, ['user:1', 'user:2'], { $set: { learnerId: 'moved' } });
      await updateManyById(identityModel(plain), ['user:5'], { $set: { learnerId: 'moved' } });
      expect((await store.models.identities.find({ learnerId: 'moved' }).lean()).map((doc) => doc._id).sort()).toEqual(['user:1', 'user:2', 'user:5']);
    } finally {
      await plain.close();
      await dropAndClose(store);
    }
  });

  it('updates a document only when it meets the condition, reading by id alone on FerretDB', async () => {
    const store = await openTestStore('byid_where');
    const plain = await mongoose.createConnection(testConfig().store.uri, { dbName: store.connection.name }).asPromise();
    const now = new Date();
    const entry = (id: string, status: string, nextAttemptAt?: Date) => ({ _id: id, learnerId: 'l', templateId: 't', channel: 'email', kind: 'marketing', status, createdAt: now, ...(nextAttemptAt ? { nextAttemptAt } : {}) });
    try {
      for (const [name, model] of [['one by one', store.models.messageSends], ['one query', messageSendModel(plain)]] as const) {
        await model.insertMany([entry(`${name}-queued`, 'queued', new Date(now.getTime() - 1_000)), entry(`${name}-later`, 'queued', new Date(now.getTime() + 60_000)), entry(`${name}-sent`, 'sent')]);
        const reads: unknown[] = [];
        // Queries only: mongoose may be building the model's indexes meanwhile.
        mongoose.set('debug', (collection: string, method: string, query: unknown) => void (collection === 'message_sends' && /^(find|update|delete|count)/.test(method) && reads.push(query)));
        const due = { status: 'queued', nextAttemptAt: { $lte: now } };
        const claimed = await findOneAndUpdateByIdWhere<{ attempts: number }>(model, `${name}-queued`, due, { $inc: { attempts: 1 } });
        const notDue = await findOneAndUpdateByIdWhere(model, `${name}-later`, due, { $inc: { attempts: 1 } });
        const preparing = await updateOneByIdWhere(model, `${name}-sent`, { status: { $in: ['sending', 'deferred'] } }, { $set: { status: 'queued' } });
        const missing = await updateOneByIdWhere(model, `${name}-none`, { status: 'queued' }, { $set: { status: 'sent' } });
        mongoose.set('debug', false);
        expect([claimed?.attempts, notDue, preparing.modifiedCount, missing.modifiedCount]).toEqual([1, null, 0, 0]);
        expect((await model.findById(`${name}-sent`).lean())?.status).toBe('sent');
        // FerretDB reads the whole collection for any filter but `{ _id }`.
        if (name === 'one by one') expect(reads.filter((query) => Object.keys(query as object).join() !== '_id')).toEqual([]);
      }
    } finally {
      mongoose.set('debug', false);
      await plain.close();
      await dropAndClose(store);
    }
  });

  it('checks equality (dates by time, null for missing), $in and $lte, and refuses other operators', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    expect(meets({ status: 'queued', at }, { status: 'queued', at: new Date(at.getTime()) })).toBe(true);
    expect(meets({ status: 'queued' }, { revokedAt: null })).toBe(true);
    expect(meets({ status: 'sent' }, { status: { $in: ['sending', 'deferred'] } })).toBe(false);
    expect(meets({ at }, { at: { $lte: new Date(at.getTime() + 1) } })).toBe(true);
    expect(meets({}, { at: { $lte: at } })).toBe(false);
    expect(() => meets({ n: 1 }, { n: { $gt: 0 } })).toThrow(/unsupported operator \$gt/);
  });
});
