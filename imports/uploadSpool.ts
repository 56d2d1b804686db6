import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

export class UploadTooLargeError extends Error {
  override name = 'UploadTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes.`);
  }
}

/** An uploaded file saved to a temporary folder of its own; `remove` deletes both. */
export interface SpooledUpload {
  file: string;
  bytes: number;
  remove(): Promise<void>;
}

/**
 * Saves an upload to a temporary file, so the request ends as soon as the bytes are in and the import
 * (much slower: every row is a store round trip) runs from the file afterwards. Beyond `maxBytes` it
 * stops reading without destroying the request, so the client still gets the 413 answer.
 */
export async function spoolToTempFile(upload: Readable, maxBytes: number): Promise<SpooledUpload> {
  const folder = await mkdtemp(path.join(tmpdir(), 'csv-import-'));
  const remove = () => rm(folder, { recursive: true, force: true });
  const file = path.join(folder, 'upload.csv');
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    for await (const chunk of upload.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (bytes > maxBytes) throw new UploadTooLargeError(maxBytes);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
    return { file, bytes, remove };
  } catch (error) {
    out.destroy();
    await remove();
    throw error;
  }
}
