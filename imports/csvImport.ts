import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { applyPlan, ColumnPlanError, planColumns, type ColumnMapping, type ColumnPlan, type MappedRow, type PresetName } from '../domain/imports/presets';
import type { SegmentMessageInput } from '../domain/ingestion/segmentMessages';
import type { Ingestion } from '../ingestion/pipeline';
import { csvItems } from './csvRecords';

export interface ImportProgress {
  /** Data rows read so far (the header excluded), rejected ones included. */
  rowsRead: number;
  /** Rows stored as new identify messages. */
  imported: number;
  /** Rows whose identical content was imported before: nothing changed. */
  duplicates: number;
  errors: number;
  /** Bytes of the file handed to the CSV parser. */
  bytesRead: number;
}

export interface ImportSummary extends ImportProgress {
  seconds: number;
}

/** A rejected row: the 1-based line of the file it starts on, why, and the row as it was written. */
export interface RowError {
  line: number;
  reason: string;
  row: string;
}

export interface ImportCsvOptions {
  ingestion: Ingestion;
  preset?: PresetName;
  mapping?: ColumnMapping;
  /** Rows per `ingest` call, which is also about the most rows held in memory at once. */
  batchSize?: number;
  /** Stops the import before its next row; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called after each batch and awaited, so a slow progress writer slows the import rather than piling up. */
  onProgress?(progress: ImportProgress): void | Promise<void>;
  /** Called for each rejected row, in file order, and awaited. */
  onRowError?(error: RowError): void | Promise<void>;
}

/** The import could not go on (bad header or mapping, empty or unreadable file); `summary` says how far it got. */
export class ImportStoppedError extends Error {
  override name = 'ImportStoppedError';
  constructor(
    message: string,
    readonly summary: ImportSummary,
  ) {
    super(message);
  }
}

export const DEFAULT_BATCH_SIZE = 500;

type ImportedContact = Extract<MappedRow, { ok: true }>;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The row as a Segment identify message. Its messageId hashes the source and the row's mapped content,
 * so importing the same file again stores nothing new while a changed row is a new message.
 */
export function identifyMessage(source: PresetName | 'custom', contact: ImportedContact): SegmentMessageInput {
  // A contact without a userId is known by its email alone (traits.email), the identity CRM data uses.
  const identity = contact.userId ? { userId: contact.userId } : {};
  const traits = Object.entries(contact.traits).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { type: 'identify', messageId: `csv-${sha256(JSON.stringify([source, identity, traits]))}`, ...identity, traits: contact.traits };
}

interface PendingRow {
  line: number;
  raw: string;
  message?: SegmentMessageInput;
  reason?: string;
}

/**
 * Imports a CSV of contacts through the ingestion pipeline in batches, reading the stream only as
 * fast as the store takes the rows: memory stays bounded whatever the file's size.
 */
export async function importCsv(input: Readable, options: ImportCsvOptions): Promise<ImportSummary> {
  const started = performance.now();
  const source = options.preset ?? 'custom';
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const progress: ImportProgress = { rowsRead: 0, imported: 0, duplicates: 0, errors: 0, bytesRead: 0 };
  const summary = (): ImportSummary => ({ ...progress, seconds: (performance.now() - started) / 1_000 });
  let plan: ColumnPlan | undefined;
  let pending: PendingRow[] = [];

  const flush = async () => {
    const rows = pending;
    pending = [];
    const sent = rows.filter((row) => row.message);
    if (sent.length > 0) {
      const result = await options.ingestion.ingestRetrying(
        sent.map((row) => row.message),
        { source: 'csv' },
      );
      progress.imported += result.accepted;
      progress.duplicates += result.duplicates;
      for (const rejected of result.rejected) sent[rejected.index]!.reason = rejected.message;
    }
    for (const row of rows) {
      if (row.reason === undefined) continue;
      progress.errors += 1;
      await options.onRowError?.({ line: row.line, reason: row.reason, row: row.raw });
    }
    await options.onProgress?.({ ...progress });
  };

  for await (const item of csvItems(input, (bytes) => (progress.bytesRead += bytes))) {
    options.signal?.throwIfAborted();
    if (item.kind === 'unreadable') {
      progress.rowsRead += 1;
      pending.push({ line: item.line, raw: item.raw, reason: item.reason });
      if (item.fatal) {
        await flush();
        throw new ImportStoppedError(`Line ${item.line}: ${item.reason}.`, summary());
      }
    } else if (!plan) {
      try {
        plan = planColumns(item.cells, options.preset, options.mapping);
      } catch (error) {
        if (error instanceof ColumnPlanError) throw new ImportStoppedError(error.message, summary());
        throw error;
      }
    } else {
      progress.rowsRead += 1;
      const mapped = applyPlan(plan, item.cells);
      pending.push(mapped.ok ? { line: item.line, raw: item.raw, message: identifyMessage(source, mapped) } : { line: item.line, raw: item.raw, reason: mapped.reason });
    }
    if (pending.length >= batchSize) await flush();
  }
  await flush();
  if (!plan) throw new ImportStoppedError('The file is empty: it has no header row.', summary());
  return summary();
}
