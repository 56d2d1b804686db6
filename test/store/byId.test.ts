import mongoose from 'mongoose';
import { identityModel } from '../../store/models/identity';
import { findManyById, updateManyById } from '../../store/byId';
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
});
