import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { ColumnMapping, PresetName } from '../domain/imports/presets';
import type { Ingestion } from '../ingestion/pipeline';
import { importErrorPageId, type ImportErrorDocument, type ImportErrorModel } from '../store/models/importError';
import type { ImportJobDocument, ImportJobModel } from '../store/models/importJob';
import { importCsv, ImportStoppedError, type ImportProgress, type RowError } from './csvImport';
import type { SpooledUpload } from './uploadSpool';

/** The store collections imports use (a subset of StoreModels). */
export interface ImportModels {
  importJobs: ImportJobModel;
  importErrors: ImportErrorModel;
}

export interface ImportJobView {
  id: string;
  status: ImportJobDocument['status'];
  source: string;
  rowsRead: number;
  imported: number;
  duplicates: number;
  errors: number;
  bytesRead: number;
  totalBytes?: number;
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
  failure?: string;
}

interface Logger {
  error(details: object, message: string): void;
}

/** Error rows keep this much of the row: enough to find and fix it, never a megabyte per row. */
export const MAX_STORED_ROW_CHARS = 10_000;
export const ERROR_PAGE_SIZE = 100;

const view = (job: ImportJobDocument): ImportJobView => ({
  id: job._id,
  status: job.status,
  source: job.source,
  rowsRead: job.rowsRead,
  imported: job.imported,
  duplicates: job.duplicates,
  errors: job.errorRows,
  bytesRead: job.bytesRead,
  ...(job.totalBytes === null || job.totalBytes === undefined ? {} : { totalBytes: job.totalBytes }),
  startedAt: job.startedAt.toISOString(),
  updatedAt: job.updatedAt.toISOString(),
  ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
  ...(job.failure ? { failure: job.failure } : {}),
});

/**
 * CSV imports run in the background of an API process, their progress and error rows kept in the
 * store so any API process can answer for them. Each job document has one writer: the process
 * running the import.
 */
export class ImportJobs {
  private readonly running = new Map<string, { stop: AbortController; finished: Promise<void> }>();

  constructor(
    private readonly models: ImportModels,
    private readonly ingestion: Ingestion,
    private readonly log: Logger,
  ) {}

  /** Records a running job and imports the upload in the background; the upload is removed after. */
  async start(upload: SpooledUpload, options: { preset?: PresetName; mapping?: ColumnMapping }): Promise<string> {
    const id = randomUUID();
    const now = new Date();
    try {
      await this.models.importJobs.create({ _id: id, status: 'running', source: options.preset ?? 'custom', mapping: options.mapping ?? null, totalBytes: upload.bytes, startedAt: now, updatedAt: now });
    } catch (error) {
      await upload.remove();
      throw error;
    }
    const stop = new AbortController();
    const finished = this.run(id, upload, options, stop.signal).finally(async () => {
      this.running.delete(id);
      await upload.remove().catch((error: unknown) => this.log.error({ err: error, importId: id }, 'could not remove the uploaded file'));
    });
    this.running.set(id, { stop, finished });
    return id;
  }

  async find(id: string): Promise<ImportJobView | undefined> {
    const job = await this.models.importJobs.findById(id).lean<ImportJobDocument>();
    return job ? view(job) : undefined;
  }

  /** Page `page` (1-based) of the rejected rows, in line order. */
  async errors(id: string, page: number): Promise<RowError[]> {
    const doc = await this.models.importErrors.findById(importErrorPageId(id, page)).lean<ImportErrorDocument>();
    return (doc?.rows ?? []).map(({ line, reason, row }) => ({ line, reason, row }));
  }

  /** Stops the running imports at their next row and waits for them to record that they stopped. */
  async stopAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) job.stop.abort();
    await Promise.all(jobs.map((job) => job.finished));
  }

  private async run(id: string, upload: SpooledUpload, options: { preset?: PresetName; mapping?: ColumnMapping }, signal: AbortSignal): Promise<void> {
    const errorPages = new ErrorPages(this.models.importErrors, id);
    const save = async (progress: ImportProgress, outcome: Partial<Pick<ImportJobDocument, 'status' | 'failure' | 'finishedAt'>> = {}) => {
      await errorPages.save();
      const { rowsRead, imported, duplicates, errors, bytesRead } = progress;
      await this.models.importJobs.updateOne({ _id: id }, { $set: { rowsRead, imported, duplicates, errorRows: errors, bytesRead, updatedAt: new Date(), ...outcome } });
    };

    try {
      const summary = await importCsv(createReadStream(upload.file), {
        ingestion: this.ingestion,
        preset: options.preset,
        mapping: options.mapping,
        signal,
        onRowError: (error) => errorPages.add(error),
        onProgress: (progress) => save(progress),
      });
      await save(summary, { status: 'done', finishedAt: new Date() });
    } catch (error) {
      const failure =
        error instanceof ImportStoppedError
          ? error.message
          : signal.aborted
            ? 'The API process stopped during the import. Upload the file again to finish: rows imported already are skipped.'
            : `The import failed: ${(error as Error).message}`;
      if (!(error instanceof ImportStoppedError) && !signal.aborted) this.log.error({ err: error, importId: id }, 'CSV import failed');
      const outcome = { status: 'failed' as const, failure, finishedAt: new Date() };
      await (error instanceof ImportStoppedError ? save(error.summary, outcome) : this.models.importJobs.updateOne({ _id: id }, { $set: { ...outcome, updatedAt: new Date() } })).catch(
        (saveError: unknown) => this.log.error({ err: saveError, importId: id }, 'could not record the end of a CSV import'),
      );
    }
  }
}

/** Collects a job's rejected rows into pages and writes the pages that changed; only the last page is held. */
class ErrorPages {
  private page = 1;
  private rows: RowError[] = [];
  private readonly changed = new Map<number, RowError[]>();

  constructor(
    private readonly model: ImportErrorModel,
    private readonly jobId: string,
  ) {}

  add(error: RowError): void {
    if (this.rows.length === ERROR_PAGE_SIZE) {
      this.page += 1;
      this.rows = [];
    }
    this.rows.push({ ...error, row: error.row.slice(0, MAX_STORED_ROW_CHARS) });
    this.changed.set(this.page, this.rows);
  }

  async save(): Promise<void> {
    for (const [page, rows] of this.changed) {
      await this.model.updateOne({ _id: importErrorPageId(this.jobId, page) }, { $set: { jobId: this.jobId, page, rows } }, { upsert: true });
    }
    this.changed.clear();
  }
}
