import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/env';
import { columnMappingSchema, presetNames, presetNameSchema, type ColumnMapping, type PresetName } from '../domain/imports/presets';
import { createProcessRuntime } from '../runtime/processRuntime';
import { Store } from '../store/connection';
import { DEFAULT_BATCH_SIZE, importCsv, ImportStoppedError, type ImportSummary } from './csvImport';
import { ErrorsCsvFile } from './errorsCsv';
import { ProgressBar } from './progressBar';

const usage = `Usage:
  npm run import -- <file.csv> [--preset ${presetNames.join('|')}] [--mapping mapping.json] [--batch-size ${DEFAULT_BATCH_SIZE}]
A mapping is {"<csv column>": "<trait name>" | "userId" | "skip"}, alone or on top of a preset (docs/imports.md).
Rejected rows go to <file.csv>.errors.csv. Uses MONGODB_URI (default: the local FerretDB that npm start runs).
Exit status: 0 imported (see the errors file for rejected rows), 1 stopped early, 2 bad arguments, 130 interrupted.`;

class UsageError extends Error {}

async function readMapping(path: string): Promise<ColumnMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the mapping ${path}: ${(error as Error).message}`);
  }
  const mapping = columnMappingSchema.safeParse(json);
  if (!mapping.success) throw new UsageError(`The mapping ${path} is invalid: ${mapping.error.issues.map((issue) => `${issue.path.join('.') || '(mapping)'}: ${issue.message}`).join('; ')}`);
  return mapping.data;
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { preset: { type: 'string' }, mapping: { type: 'string' }, 'batch-size': { type: 'string' }, help: { type: 'boolean' } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseArguments() {
  const { positionals, values } = readArguments();
  if (values.help) return undefined;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('Give exactly one CSV file.');
  const preset = values.preset === undefined ? undefined : presetNameSchema.safeParse(values.preset);
  if (preset && !preset.success) throw new UsageError(`--preset must be one of ${presetNames.join(', ')}.`);
  const batchSize = Number(values['batch-size'] ?? DEFAULT_BATCH_SIZE);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 2_500) throw new UsageError('--batch-size must be a whole number from 1 to 2500.');
  return { file, preset: preset?.data, mappingPath: values.mapping, batchSize };
}

const describe = (summary: ImportSummary) =>
  `${summary.imported.toLocaleString('en-US')} imported, ${summary.duplicates.toLocaleString('en-US')} duplicates (imported before), ` +
  `${summary.errors.toLocaleString('en-US')} errors, ${summary.rowsRead.toLocaleString('en-US')} rows in ${summary.seconds.toFixed(1)} s`;

interface ImportArguments {
  file: string;
  bytes: number;
  preset?: PresetName;
  mapping?: ColumnMapping;
  batchSize: number;
}

/** Runs the import with a progress bar; the exit status. */
async function runImport(store: Store, args: ImportArguments, errorsFile: ErrorsCsvFile, signal: AbortSignal): Promise<number> {
  const progressBar = new ProgressBar(process.stderr, { totalBytes: args.bytes });
  const runtime = createProcessRuntime({ models: store.models, config: loadConfig(), log: { warn: (object, message) => console.warn(message, object) } });
  try {
    const summary = await importCsv(createReadStream(args.file), {
      ingestion: runtime.ingestion,
      preset: args.preset,
      mapping: args.mapping,
      batchSize: args.batchSize,
      signal,
      onProgress: (progress) => progressBar.update(progress),
      onRowError: (error) => errorsFile.write(error),
    });
    progressBar.finish(summary);
    console.log(`Done: ${describe(summary)}.`);
    return 0;
  } catch (error) {
    if (error instanceof ImportStoppedError) {
      progressBar.finish(error.summary);
      console.error(`Stopped: ${error.message}\nBefore stopping: ${describe(error.summary)}.`);
      return 1;
    }
    if (signal.aborted) {
      console.error('\nInterrupted. Importing the file again skips the rows already imported.');
      return 130;
    }
    throw error;
  } finally {
    await runtime.close();
  }
}

/** Imports a CSV of contacts (HubSpot, ActiveCampaign, Klaviyo or mapped) straight into the store. */
async function main(): Promise<number> {
  const parsed = parseArguments();
  if (!parsed) {
    console.log(usage);
    return 0;
  }
  const file = await stat(parsed.file).catch((error: Error) => {
    throw new UsageError(`Cannot read ${parsed.file}: ${error.message}`);
  });
  const args: ImportArguments = { ...parsed, bytes: file.size, mapping: parsed.mappingPath ? await readMapping(parsed.mappingPath) : undefined };
  const errorsFile = new ErrorsCsvFile(`${args.file}.errors.csv`);
  await errorsFile.removeStale();

  const config = loadConfig();
  const store = Store.open({ uri: config.store.uri, database: config.store.database });
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  try {
    await store.waitUntilConnected(15_000);
    return await runImport(store, args, errorsFile, interrupt.signal);
  } finally {
    await errorsFile.close();
    if (errorsFile.written) console.error(`Rejected rows: ${errorsFile.path}`);
    await store.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${usage}` : (error as Error).message);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
