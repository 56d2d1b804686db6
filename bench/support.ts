import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../config/env';
import { startEmbeddedServices, type EmbeddedServices } from '../stack/services/embeddedServices';
import { findFreePort } from '../stack/services/ports';

export const quick = process.argv.includes('--quick');

/** A store of the benchmark's own (FerretDB on a free port, fresh data), or MONGODB_URI's. */
export async function benchStore(): Promise<{ uri: string; stop(): Promise<void> }> {
  if (process.env.MONGODB_URI) return { uri: process.env.MONGODB_URI, stop: async () => undefined };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, FERRETDB_PORT: String(await findFreePort()) });
  const services: EmbeddedServices = await startEmbeddedServices(config, { logFor: () => () => undefined, only: ['store'] });
  return {
    uri: services.store.uri,
    async stop() {
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `tasks` with at most `concurrency` in flight. */
export async function inParallel<T>(tasks: (() => Promise<T>)[], concurrency: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]!();
      }
    }),
  );
  return results;
}

export const seconds = (startedAt: bigint) => Number(process.hrtime.bigint() - startedAt) / 1e9;
export const round = (value: number, digits = 0) => Math.round(value * 10 ** digits) / 10 ** digits;
