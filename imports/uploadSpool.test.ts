import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { spoolToTempFile, UploadTooLargeError } from './uploadSpool';

describe('spoolToTempFile', () => {
  it('saves the upload to a temporary file that remove() deletes', async () => {
    const upload = await spoolToTempFile(Readable.from(['Email\n', 'a@example.com\n']), 1_000);
    expect(upload.bytes).toBe(20);
    expect(await readFile(upload.file, 'utf8')).toBe('Email\na@example.com\n');
    await upload.remove();
    expect(existsSync(path.dirname(upload.file))).toBe(false);
  });

  it('stops at the limit, leaves no file and does not destroy the request (so the 413 answer still reaches the client)', async () => {
    const request = Readable.from(['x'.repeat(600), 'x'.repeat(600), 'x'.repeat(600)]);
    await expect(spoolToTempFile(request, 1_000)).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(request.destroyed).toBe(false);
  });
});
