import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../config/paths';
import type { LineWriter } from '../log';
import { ToolUnavailableError } from './errors';
import { findGo, goBuildModule } from './goBuild';
import { binaryFromEnv, findOnPath } from './locate';

export const FERRETDB_VERSION = 'v1.24.2';
/** The project's own Go module wrapping FerretDB's embeddable package (see its main.go for why). */
const MODULE_DIR = path.join(projectRoot, 'stack', 'go', 'ferretdb');

export type FerretDbLocation =
  | { kind: 'binary'; path: string; origin: 'FERRETDB_BIN' | 'PATH' | 'built' }
  /** No Go here: mongodb-memory-server downloads a real mongod instead (needs internet). */
  | { kind: 'mongodb-memory-server' };

/** Changes whenever the wrapper's sources do, so an edited wrapper is rebuilt rather than reused. */
function wrapperHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MODULE_DIR).filter((name) => /\.(go|mod|sum)$/.test(name)).sort()) {
    hash.update(file).update(readFileSync(path.join(MODULE_DIR, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

export function builtFerretDbPath(toolsDir: string): string {
  return path.join(toolsDir, 'bin', `ferretdb-${FERRETDB_VERSION}-${wrapperHash()}`);
}

/** Order: FERRETDB_BIN → `ferretdb` on PATH → a previous build → build with Go → mongodb-memory-server. */
export async function locateFerretDb(options: {
  toolsDir: string;
  ferretDbBin?: string;
  onLine: LineWriter;
  /** Where to look for binaries and Go; defaults to PATH. */
  searchPath?: string;
  allowMemoryServer?: boolean;
}): Promise<FerretDbLocation> {
  const fromEnv = binaryFromEnv('FERRETDB_BIN', options.ferretDbBin);
  if (fromEnv) return { kind: 'binary', path: fromEnv, origin: 'FERRETDB_BIN' };

  const onPath = findOnPath('ferretdb', options.searchPath);
  if (onPath) return { kind: 'binary', path: onPath, origin: 'PATH' };

  const cached = builtFerretDbPath(options.toolsDir);
  if (existsSync(cached)) return { kind: 'binary', path: cached, origin: 'built' };

  const go = findGo(options.searchPath);
  if (go && (await goBuildModule({ go, moduleDir: MODULE_DIR, target: cached, onLine: options.onLine }))) {
    return { kind: 'binary', path: cached, origin: 'built' };
  }

  if (options.allowMemoryServer ?? true) {
    options.onLine('No Go toolchain: mongodb-memory-server will download MongoDB instead (needs internet access)');
    return { kind: 'mongodb-memory-server' };
  }
  throw new ToolUnavailableError(
    `FerretDB ${FERRETDB_VERSION} is not available. Install Go (https://go.dev/dl/) so it can be built, ` +
      'set FERRETDB_BIN to a FerretDB binary, or set MONGODB_URI to use a running MongoDB.',
  );
}
