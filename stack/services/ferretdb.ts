import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { LineWriter } from '../log';
import type { FerretDbLocation } from '../tools/ferretdb';
import { startProcess } from './managedProcess';
import { assertPortFree, canConnect } from './ports';
import type { RunningService } from './runningService';
import { waitForStart } from './waitForStart';

/** FerretDB on SQLite files under `dataDir` (kept across restarts), speaking the MongoDB protocol. */
export async function startFerretDb(options: {
  location: FerretDbLocation;
  port: number;
  dataDir: string;
  onLine: LineWriter;
}): Promise<RunningService & { uri: string }> {
  const storeDir = path.join(options.dataDir, 'ferretdb');
  mkdirSync(storeDir, { recursive: true });
  await assertPortFree(options.port, 'FerretDB, the MongoDB-compatible store', 'FERRETDB_PORT');
  const uri = `mongodb://127.0.0.1:${options.port}/`;

  if (options.location.kind === 'mongodb-memory-server') {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const dbPath = path.join(options.dataDir, 'mongodb');
    mkdirSync(dbPath, { recursive: true });
    const server = await MongoMemoryServer.create({
      instance: { ip: '127.0.0.1', port: options.port, dbPath, storageEngine: 'wiredTiger' },
    });
    return { name: 'mongodb', uri, stop: async () => void (await server.stop({ doCleanup: false })) };
  }

  const child = startProcess({
    name: 'ferretdb',
    command: options.location.path,
    args: [
      `--listen-addr=127.0.0.1:${options.port}`,
      '--handler=sqlite',
      `--sqlite-url=file:${storeDir}/`,
      '--telemetry=disable',
      `--state-dir=${storeDir}`,
      '--debug-addr=-',
      '--log-level=warn',
    ],
    onLine: options.onLine,
  });
  await waitForStart(child, () => canConnect(options.port), 30_000);
  return { name: 'ferretdb', uri, stop: () => child.stop(), exited: child.exited };
}
