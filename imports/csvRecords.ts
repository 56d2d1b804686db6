import { pipeline, Transform, type Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';

/** One record of the file, or one stretch the parser could not read; both name the line they start on. */
export type CsvItem =
  | { kind: 'record'; line: number; cells: string[]; raw: string }
  | { kind: 'unreadable'; line: number; reason: string; raw: string; fatal: boolean };

/** Longer records are refused (a stray opening quote otherwise swallows the rest of the file). */
export const MAX_RECORD_CHARS = 1_048_576;

const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;
const leadingBreaks = (raw: string) => lineBreaks(/^[\r\n]*/.exec(raw)![0]);
const trimBreaks = (raw: string) => raw.replace(/^[\r\n]+|[\r\n]+$/g, '');

/** After this error csv-parse reads nothing more of the stream, so the import must stop there. */
const FATAL_CODES = new Set(['CSV_MAX_RECORD_SIZE']);

function reasonFor(error: CsvError): string {
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return `a record longer than ${MAX_RECORD_CHARS} characters starts here (usually an opening quote that is never closed); the rest of the file was not read`;
  }
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quote opened here is never closed; everything from here to the end of the file is one unreadable cell';
  return `unreadable CSV: ${error.message}`;
}

interface ParsedRecord {
  record: string[];
  raw: string;
  info: { records: number };
}

/**
 * The records of a CSV stream in file order, with back-pressure: the stream is read only as fast as
 * the caller consumes. Line numbers are counted here rather than taken from csv-parse, which counts
 * a CRLF inside a quoted cell as two lines.
 */
export async function* csvItems(input: Readable, onBytes: (bytes: number) => void): AsyncGenerator<CsvItem> {
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    // Row length is checked by the mapping, which can say which row and how many cells.
    relax_column_count: true,
    // A quote inside an unquoted cell (5" screen) is kept as text instead of failing the rest of the file.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // Skipped records are reported while parsing, which runs ahead of the consumer: queue them in order.
  const skipped: (CsvError & { records: number })[] = [];
  parser.on('skip', (error: CsvError & { records: number }) => skipped.push(error));
  const counter = new Transform({
    transform(chunk: Buffer | string, _encoding, done) {
      onBytes(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
      done(null, chunk);
    },
  });
  // pipeline destroys every stream when one fails or the consumer stops early; errors reach the loop below.
  pipeline(input, counter, parser, () => undefined);

  let lastLine = 0;
  const unreadable = (error: CsvError): CsvItem => {
    const raw = typeof error.raw === 'string' ? error.raw : '';
    const line = lastLine + 1 + leadingBreaks(raw);
    lastLine = line + lineBreaks(trimBreaks(raw));
    return { kind: 'unreadable', line, reason: reasonFor(error), raw: trimBreaks(raw), fatal: FATAL_CODES.has(error.code) };
  };

  for await (const { record, raw, info } of parser as AsyncIterable<ParsedRecord>) {
    // Parsing runs ahead of this loop; a queued skip precedes this record if fewer records came before it.
    while (skipped.length > 0 && skipped[0]!.records < info.records) yield unreadable(skipped.shift()!);
    const line = lastLine + 1 + leadingBreaks(raw);
    lastLine = line + record.reduce((breaks, cell) => breaks + lineBreaks(cell), 0);
    yield { kind: 'record', line, cells: record, raw: trimBreaks(raw) };
  }
  while (skipped.length > 0) yield unreadable(skipped.shift()!);
}
