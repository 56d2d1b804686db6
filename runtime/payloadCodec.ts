import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** `encoding` of a payload this codec encrypted; anything else passes through untouched. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** Metadata naming the key a payload was encrypted with, so older keys still decrypt after rotation. */
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
}

export interface PayloadKeys {
  /** Encrypts every new payload. */
  current: { id: string; key: Uint8Array };
  /** Keys that only decrypt (older keys after a rotation), by id. The current key decrypts too. */
  previous?: Record<string, Uint8Array>;
}

/**
 * AES-256-GCM over the whole serialised payload (metadata included, so the payload converter's
 * encoding and any type hints are hidden too), a fresh random 12-byte IV per payload. The key id is
 * bound to the ciphertext as additional authenticated data: relabelling a payload with another key
 * id fails authentication instead of decrypting under the wrong key.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys = new Map<string, Buffer>();
  private readonly current: { id: string; key: Buffer };

  constructor(keys: PayloadKeys) {
    for (const [id, key] of Object.entries(keys.previous ?? {})) this.keys.set(id, checkedKey(id, key));
    this.current = { id: keys.current.id, key: checkedKey(keys.current.id, keys.current.key) };
    this.keys.set(this.current.id, this.current.key);
  }

  get keyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.current.key, iv);
      cipher.setAAD(Buffer.from(this.current.id, 'utf8'));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(this.current.id) },
        data: Buffer.concat([iv, encrypted, cipher.getAuthTag()]),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Histories recorded before encryption was switched on (and payloads from an unencrypted
      // client) must still be readable.
      if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
      if (!keyId) throw new PayloadDecryptionError(`An encrypted payload carries no "${KEY_ID_METADATA}" metadata, so no key can decrypt it.`);
      const key = this.keys.get(keyId);
      if (!key) {
        throw new PayloadDecryptionError(
          `A payload was encrypted with key "${keyId}", which this process does not hold (it holds ${[...this.keys.keys()].map((id) => `"${id}"`).join(', ')}). ` +
            'After a key rotation, list the old key in PAYLOAD_DECRYPTION_KEYS.',
        );
      }
      const data = Buffer.from(payload.data ?? new Uint8Array());
      if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`An encrypted payload (key "${keyId}") is too short to be one.`);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(keyId, 'utf8'));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch (error) {
        throw new PayloadDecryptionError(`An encrypted payload (key "${keyId}") failed authentication: it was altered, or key "${keyId}" is not the key it was encrypted with.`, { cause: error });
      }
      const decoded = temporal.api.common.v1.Payload.decode(plain);
      return { metadata: decoded.metadata, data: decoded.data };
    });
  }
}

function checkedKey(id: string, key: Uint8Array): Buffer {
  if (key.length !== KEY_BYTES) throw new Error(`Payload encryption key "${id}" must be ${KEY_BYTES} bytes (AES-256), not ${key.length}.`);
  return Buffer.from(key);
}
