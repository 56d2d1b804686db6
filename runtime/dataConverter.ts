import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { ConfigError, type Env } from '../config/env';
import { AesGcmPayloadCodec, KEY_BYTES } from './payloadCodec';

/** Workers hand this to the workflow bundle too (bundleWorkflowCode's `failureConverterPath`). */
export const failureConverterPath = require.resolve('./failureConverter');

/** Where development and test processes keep the key they generate for themselves. */
export const DEV_KEY_FILE = 'payload-encryption-key.json';

type KeyEnv = Pick<Env, 'NODE_ENV' | 'DATA_DIR' | 'PAYLOAD_ENCRYPTION_KEY' | 'PAYLOAD_ENCRYPTION_KEY_ID' | 'PAYLOAD_DECRYPTION_KEYS'>;

const codecs = new Map<string, AesGcmPayloadCodec>();

/**
 * The data converter of every Temporal client and worker of the project: payloads encrypted by
 * AES-256-GCM, failure messages and stack traces encoded as payloads so they are encrypted too.
 * `dataDir` defaults to DATA_DIR resolved from the working directory, as loadConfig resolves it.
 * One codec per key setting and process: the key file is read once.
 */
export function dataConverterFrom(config: { env: KeyEnv; dataDir?: string }): DataConverter {
  const dataDir = config.dataDir ?? path.resolve(config.env.DATA_DIR);
  const cacheKey = JSON.stringify([config.env.NODE_ENV, dataDir, config.env.PAYLOAD_ENCRYPTION_KEY, config.env.PAYLOAD_ENCRYPTION_KEY_ID, config.env.PAYLOAD_DECRYPTION_KEYS]);
  let codec = codecs.get(cacheKey);
  if (!codec) {
    codec = payloadCodecFrom(config.env, dataDir);
    codecs.set(cacheKey, codec);
  }
  return { payloadCodecs: [codec], failureConverterPath };
}

/**
 * The key comes from PAYLOAD_ENCRYPTION_KEY (with PAYLOAD_ENCRYPTION_KEY_ID); production refuses to
 * start without it. Development and tests generate a key once into DATA_DIR (mode 0600) so `npm start`
 * works with no setup; that file is as secret as the Temporal database it protects is sensitive.
 * Older keys in PAYLOAD_DECRYPTION_KEYS (and, outside production, a key file left from before an env
 * key was set) still decrypt.
 */
export function payloadCodecFrom(env: KeyEnv, dataDir: string): AesGcmPayloadCodec {
  const previous = parseDecryptionKeys(env.PAYLOAD_DECRYPTION_KEYS);
  const keyFile = path.join(dataDir, DEV_KEY_FILE);
  if (env.PAYLOAD_ENCRYPTION_KEY) {
    const current = { id: env.PAYLOAD_ENCRYPTION_KEY_ID, key: decodeKey(env.PAYLOAD_ENCRYPTION_KEY, 'PAYLOAD_ENCRYPTION_KEY') };
    if (env.NODE_ENV !== 'production' && existsSync(keyFile)) {
      const generated = readKeyFile(keyFile);
      previous[generated.id] ??= generated.key;
    }
    return new AesGcmPayloadCodec({ current, previous });
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      'PAYLOAD_ENCRYPTION_KEY must be set in production: 32 random bytes in base64 (e.g. `openssl rand -base64 32`), with PAYLOAD_ENCRYPTION_KEY_ID naming it. ' +
        'It encrypts the Temporal payloads (workflow and activity inputs, results, failures).',
    );
  }
  return new AesGcmPayloadCodec({ current: generatedKey(keyFile), previous });
}

function parseDecryptionKeys(json: string | undefined): Record<string, Uint8Array> {
  if (!json) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError('PAYLOAD_DECRYPTION_KEYS must be JSON: {"<key id>": "<base64 key>"}.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ConfigError('PAYLOAD_DECRYPTION_KEYS must be a JSON object: {"<key id>": "<base64 key>"}.');
  return Object.fromEntries(
    Object.entries(parsed).map(([id, value]) => {
      if (typeof value !== 'string') throw new ConfigError(`PAYLOAD_DECRYPTION_KEYS: key "${id}" must be a base64 string.`);
      return [id, decodeKey(value, `PAYLOAD_DECRYPTION_KEYS["${id}"]`)];
    }),
  );
}

function decodeKey(base64: string, name: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new ConfigError(`${name} must be ${KEY_BYTES} bytes in base64 (AES-256); it decodes to ${key.length} bytes.`);
  return key;
}

function readKeyFile(file: string): { id: string; key: Buffer } {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { id?: unknown; key?: unknown };
  if (typeof parsed.id !== 'string' || typeof parsed.key !== 'string') throw new ConfigError(`${file} is not a payload key file ({"id", "key"}); delete it to generate a new key.`);
  return { id: parsed.id, key: decodeKey(parsed.key, file) };
}

/**
 * The development key, generated on first use. Several processes (API, worker, import) may start at
 * once: each writes a complete candidate file and hard-links it into place, which succeeds for exactly
 * one; the others read the winner's. The id is random so a history from another data folder names a
 * key this process plainly does not have.
 */
function generatedKey(file: string): { id: string; key: Buffer } {
  if (existsSync(file)) return readKeyFile(file);
  mkdirSync(path.dirname(file), { recursive: true });
  const candidate = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const content = { id: `dev-${randomBytes(4).toString('hex')}`, key: randomBytes(KEY_BYTES).toString('base64') };
  writeFileSync(candidate, `${JSON.stringify(content)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(candidate, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(candidate);
  }
  return readKeyFile(file);
}

/** The converter a client already uses, for a worker that must read what that client wrote. */
export function dataConverterOf(client: Client): DataConverter {
  return { payloadCodecs: client.options.loadedDataConverter.payloadCodecs, failureConverterPath };
}
