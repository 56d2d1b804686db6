import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { RowError } from './csvImport';

const needsQuotes = /[",\r\n]|^\s|\s$/;

/** One CSV line; cells with quotes, commas, line breaks or edge spaces are quoted. */
export function csvLine(cells: readonly (string | number)[]): string {
  return `${cells.map((cell) => (needsQuotes.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell))).join(',')}\n`;
}

/**
 * The rejected rows of a CLI import as CSV (`line,reason,row`). Created at the first rejected row, so
 * a clean import leaves no file; one left by an earlier run of the same file is removed first.
 */
export class ErrorsCsvFile {
  private stream: WriteStream | undefined;

  constructor(readonly path: string) {}

  async removeStale(): Promise<void> {
    await rm(this.path, { force: true });
  }

  get written(): boolean {
    return this.stream !== undefined;
  }

  async write(error: RowError): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.write(csvLine(['line', 'reason', 'row']));
    }
    if (!this.stream.write(csvLine([error.line, error.reason, error.row]))) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    const closed = once(this.stream, 'close');
    this.stream.end();
    await closed;
  }
}
