import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ApiKeys } from '../../api/keys/apiKeys';
import { dataConverterFrom } from '../../runtime/dataConverter';
import type { Store } from '../../store/connection';
import { bearer, buildTestApp } from '../support/app';
import { dropAndClose, openTestStore, testConfig } from '../support/env';

const toJson = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
  data: Buffer.from(payload.data ?? []).toString('base64'),
});
const fromJson = (json: { metadata: Record<string, string>; data: string }): Payload => ({
  metadata: Object.fromEntries(Object.entries(json.metadata).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
  data: Buffer.from(json.data, 'base64'),
});

/** The codec server the Temporal UI and CLI call, on the real API with the key every client of the tests uses. */
describe('the Temporal codec endpoint', () => {
  const uiOrigin = new URL(testConfig().temporal.uiUrl).origin;
  const value = { learnerId: 'lrn_codec', email: 'grace.hopper@example.com' };
  let store: Store;
  let built: Awaited<ReturnType<typeof buildTestApp>>;
  let operator: { authorization: string };

  beforeAll(async () => {
    store = await openTestStore('privacy_codec');
    built = await buildTestApp(store);
    operator = bearer((await new ApiKeys(store.models).create({ name: 'on call', kind: 'operator' })).secret);
  });
  afterAll(async () => {
    await built?.close();
    await dropAndClose(store);
  });

  const call = (direction: 'encode' | 'decode', payloads: Payload[], headers: Record<string, string> = operator) =>
    built.app.inject({ method: 'POST', url: `/codec/${direction}`, headers: { ...headers, 'x-namespace': 'default', origin: uiOrigin }, payload: { payloads: payloads.map(toJson) } });

  it('decrypts what the workers and clients encrypt, and encrypts for them, for an operator key', async () => {
    const [stored] = await dataConverterFrom(testConfig()).payloadCodecs![0]!.encode([defaultPayloadConverter.toPayload(value)!]);
    const decoded = await call('decode', [stored!]);
    expect(decoded.statusCode).toBe(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(uiOrigin);
    expect(defaultPayloadConverter.fromPayload(fromJson(decoded.json().payloads[0]))).toEqual(value);

    const encoded = await call('encode', [defaultPayloadConverter.toPayload(value)!]);
    expect(encoded.statusCode).toBe(200);
    const [ciphertext] = encoded.json().payloads;
    expect(Buffer.from(ciphertext.metadata.encoding, 'base64').toString()).toBe('binary/encrypted');
    expect(Buffer.from(ciphertext.data, 'base64').includes('grace.hopper')).toBe(false);
    const [roundTrip] = (await call('decode', [fromJson(ciphertext)])).json().payloads;
    expect(defaultPayloadConverter.fromPayload(fromJson(roundTrip))).toEqual(value);
  });

  it('passes unencrypted payloads through, and says which key is missing for one it cannot decrypt', async () => {
    const plain = defaultPayloadConverter.toPayload(value)!;
    expect((await call('decode', [plain])).json().payloads).toEqual([toJson(plain)]);
    const foreign = { metadata: { encoding: Buffer.from('binary/encrypted'), 'encryption-key-id': Buffer.from('someone-elses') }, data: Buffer.alloc(40) };
    const refused = await call('decode', [foreign]);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toMatch(/encrypted with key "someone-elses"/);
  });

  it('admits admin keys too, refuses write keys (403) and requests without a key (401)', async () => {
    const plain = defaultPayloadConverter.toPayload(value)!;
    const admin = bearer((await new ApiKeys(store.models).create({ name: 'admin', kind: 'admin' })).secret);
    const write = bearer((await new ApiKeys(store.models).create({ name: 'site', kind: 'write' })).secret);
    expect((await call('decode', [plain], admin)).statusCode).toBe(200);
    const forbidden = await call('decode', [plain], write);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.details).toEqual({ keyKind: 'write', required: ['operator', 'admin'] });
    expect((await call('encode', [plain], {})).statusCode).toBe(401);
  });

  it("an operator key opens nothing but the codec: management routes answer 403", async () => {
    expect((await built.app.inject({ url: '/api/learners/lrn_x', headers: operator })).statusCode).toBe(403);
    expect((await built.app.inject({ url: '/api/keys', headers: operator })).statusCode).toBe(403);
    expect((await built.app.inject({ method: 'DELETE', url: '/api/learners/lrn_x', headers: operator })).statusCode).toBe(403);
  });

  it('answers the Temporal UI preflight (Authorization, X-Namespace) for its origin only', async () => {
    for (const direction of ['encode', 'decode']) {
      const preflight = await built.app.inject({
        method: 'OPTIONS',
        url: `/codec/${direction}`,
        headers: { origin: uiOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
      });
      expect(preflight.statusCode).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(uiOrigin);
      expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
      expect(String(preflight.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/)).toEqual(expect.arrayContaining(['authorization', 'content-type', 'x-namespace']));
    }
    const stranger = await built.app.inject({
      method: 'OPTIONS',
      url: '/codec/decode',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    // The rest of the API keeps its own origins: the Temporal UI is not one of them.
    const elsewhere = await built.app.inject({ method: 'OPTIONS', url: '/api/learners', headers: { origin: uiOrigin, 'access-control-request-method': 'GET' } });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
  });
});
