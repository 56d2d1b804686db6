import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ConfigError, readEnv } from '../config/env';
import { DEV_KEY_FILE, payloadCodecFrom } from './dataConverter';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptionError } from './payloadCodec';

const key = () => randomBytes(32);
const plain = (value: unknown) => defaultPayloadConverter.toPayload(value) as Payload;
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');
const value = { learnerId: 'lrn_1', email: 'ada.lovelace@example.com', firstName: 'Ada' };

describe('AES-256-GCM payload codec', () => {
  it('encrypts every payload (metadata included) and decrypts it back', async () => {
    const codec = new AesGcmPayloadCodec({ current: { id: 'k1', key: key() } });
    const [encrypted] = await codec.encode([plain(value)]);
    expect(text(encrypted!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('k1');
    expect(Object.keys(encrypted!.metadata!)).toEqual(['encoding', KEY_ID_METADATA]);
    expect(Buffer.from(encrypted!.data!).includes('ada.lovelace')).toBe(false);
    expect(Buffer.from(encrypted!.data!).includes('json/plain')).toBe(false);
    const [decrypted] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decrypted!)).toEqual(value);
  });

  it('uses a fresh IV for each payload, so equal values never look equal', async () => {
    const codec = new AesGcmPayloadCodec({ current: { id: 'k1', key: key() } });
    const [first, second] = await codec.encode([plain(value), plain(value)]);
    expect(Buffer.from(first!.data!).equals(Buffer.from(second!.data!))).toBe(false);
    expect(Buffer.from(first!.data!).subarray(0, 12).equals(Buffer.from(second!.data!).subarray(0, 12))).toBe(false);
  });

  it('passes payloads that are not encrypted through (histories from before encryption)', async () => {
    const codec = new AesGcmPayloadCodec({ current: { id: 'k1', key: key() } });
    const payloads = [plain(value), plain(null), plain(new Uint8Array([1, 2, 3]))];
    expect(await codec.decode(payloads)).toEqual(payloads);
  });

  it('names the missing key when a payload was encrypted with a key this process does not hold', async () => {
    const [encrypted] = await new AesGcmPayloadCodec({ current: { id: 'old-key', key: key() } }).encode([plain(value)]);
    const other = new AesGcmPayloadCodec({ current: { id: 'new-key', key: key() } });
    await expect(other.decode([encrypted!])).rejects.toThrow(PayloadDecryptionError);
    await expect(other.decode([encrypted!])).rejects.toThrow(/encrypted with key "old-key".*holds "new-key".*PAYLOAD_DECRYPTION_KEYS/);
  });

  it('rejects a tampered ciphertext, and a payload relabelled with another key id', async () => {
    const k1 = key();
    const codec = new AesGcmPayloadCodec({ current: { id: 'k1', key: k1 }, previous: { k2: k1 } });
    const [encrypted] = await codec.encode([plain(value)]);
    const data = Buffer.from(encrypted!.data!);
    data.writeUInt8(data.readUInt8(20) ^ 0x01, 20);
    await expect(codec.decode([{ ...encrypted!, data }])).rejects.toThrow(/key "k1".*failed authentication: it was altered/);
    // Same key bytes under another id: the id is authenticated data, so the relabelled payload fails.
    const relabelled = { ...encrypted!, metadata: { ...encrypted!.metadata, [KEY_ID_METADATA]: new TextEncoder().encode('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/failed authentication/);
    await expect(codec.decode([{ ...encrypted!, data: data.subarray(0, 10) }])).rejects.toThrow(/too short/);
  });

  it('rotation: a payload encrypted with the old key decrypts while the old key is listed', async () => {
    const oldKey = key();
    const [fromBefore] = await new AesGcmPayloadCodec({ current: { id: 'key-1', key: oldKey } }).encode([plain(value)]);
    const rotated = new AesGcmPayloadCodec({ current: { id: 'key-2', key: key() }, previous: { 'key-1': oldKey } });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([fromBefore!]))[0]!)).toEqual(value);
    const [fresh] = await rotated.encode([plain(value)]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('key-2');
    const withoutOld = new AesGcmPayloadCodec({ current: { id: 'key-2', key: key() } });
    await expect(withoutOld.decode([fromBefore!])).rejects.toThrow(/"key-1"/);
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new AesGcmPayloadCodec({ current: { id: 'short', key: randomBytes(16) } })).toThrow(/"short" must be 32 bytes/);
  });
});

describe('payload keys from the environment', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'payload-keys-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('production refuses to start without PAYLOAD_ENCRYPTION_KEY, with a message saying what to set', () => {
    expect(() => payloadCodecFrom(readEnv({ NODE_ENV: 'production' }), dataDir)).toThrow(ConfigError);
    expect(() => payloadCodecFrom(readEnv({ NODE_ENV: 'production' }), dataDir)).toThrow(/PAYLOAD_ENCRYPTION_KEY must be set in production: 32 random bytes in base64/);
  });

  it('uses the configured key and id, and older keys from PAYLOAD_DECRYPTION_KEYS', async () => {
    const oldKey = key();
    const [old] = await new AesGcmPayloadCodec({ current: { id: 'key-1', key: oldKey } }).encode([plain(value)]);
    const env = readEnv({
      NODE_ENV: 'production',
      PAYLOAD_ENCRYPTION_KEY: key().toString('base64'),
      PAYLOAD_ENCRYPTION_KEY_ID: 'key-2',
      PAYLOAD_DECRYPTION_KEYS: JSON.stringify({ 'key-1': oldKey.toString('base64') }),
    });
    const codec = payloadCodecFrom(env, dataDir);
    expect(codec.keyId).toBe('key-2');
    expect(defaultPayloadConverter.fromPayload((await codec.decode([old!]))[0]!)).toEqual(value);
  });

  it('says which setting is malformed', () => {
    expect(() => payloadCodecFrom(readEnv({ NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEY: 'c2hvcnQ=' }), dataDir)).toThrow(/PAYLOAD_ENCRYPTION_KEY must be 32 bytes in base64.*decodes to 5 bytes/);
    const withKey = { NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEY: key().toString('base64') };
    expect(() => payloadCodecFrom(readEnv({ ...withKey, PAYLOAD_DECRYPTION_KEYS: 'not json' }), dataDir)).toThrow(/PAYLOAD_DECRYPTION_KEYS must be JSON/);
    expect(() => payloadCodecFrom(readEnv({ ...withKey, PAYLOAD_DECRYPTION_KEYS: '{"k": 1}' }), dataDir)).toThrow(/key "k" must be a base64 string/);
  });

  it('development generates a key once into DATA_DIR (mode 0600) and every process then shares it', async () => {
    const env = readEnv({ NODE_ENV: 'development' });
    const first = payloadCodecFrom(env, dataDir);
    const file = path.join(dataDir, DEV_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ id: first.keyId, key: expect.any(String) });
    const second = payloadCodecFrom(env, dataDir);
    expect(second.keyId).toBe(first.keyId);
    expect(defaultPayloadConverter.fromPayload((await second.decode(await first.encode([plain(value)])))[0]!)).toEqual(value);
  });

  it('outside production, a key set later still decrypts what the generated key encrypted', async () => {
    const generated = payloadCodecFrom(readEnv({ NODE_ENV: 'development' }), dataDir);
    const encrypted = await generated.encode([plain(value)]);
    const configured = payloadCodecFrom(readEnv({ NODE_ENV: 'development', PAYLOAD_ENCRYPTION_KEY: key().toString('base64') }), dataDir);
    expect(configured.keyId).toBe('key-1');
    expect(defaultPayloadConverter.fromPayload((await configured.decode(encrypted))[0]!)).toEqual(value);
  });
});
