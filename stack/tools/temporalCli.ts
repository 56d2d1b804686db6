import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LineWriter } from '../log';
import { ToolUnavailableError } from './errors';
import { findGo, goInstall } from './goBuild';
import { binaryFromEnv, findOnPath } from './locate';

export const TEMPORAL_CLI_VERSION = 'v1.5.1';
/** Later tags carry a replace directive that `go install` rejects; these neighbours are the fallbacks. */
const FALLBACK_VERSIONS = ['v1.5.0', 'v1.4.1', 'v1.4.0'];
const PACKAGE = 'github.com/temporalio/cli/cmd/temporal';

export type TemporalCliLocation =
  | { kind: 'binary'; path: string; origin: 'TEMPORAL_BIN' | 'PATH' | 'built' }
  /** No Go here: let the Temporal SDK download the CLI (needs internet). */
  | { kind: 'sdk-download'; downloadDir: string };

export function builtTemporalCliPath(toolsDir: string, version = TEMPORAL_CLI_VERSION): string {
  return path.join(toolsDir, 'bin', `temporal-${version}`);
}

/** Order: TEMPORAL_BIN → `temporal` on PATH → a previous build → build with Go → the SDK's download. */
export async function locateTemporalCli(options: {
  toolsDir: string;
  temporalBin?: string;
  onLine: LineWriter;
  /** Where to look for binaries and Go; defaults to PATH. */
  searchPath?: string;
  allowSdkDownload?: boolean;
}): Promise<TemporalCliLocation> {
  const fromEnv = binaryFromEnv('TEMPORAL_BIN', options.temporalBin);
  if (fromEnv) return { kind: 'binary', path: fromEnv, origin: 'TEMPORAL_BIN' };

  const onPath = findOnPath('temporal', options.searchPath);
  if (onPath) return { kind: 'binary', path: onPath, origin: 'PATH' };

  for (const version of [TEMPORAL_CLI_VERSION, ...FALLBACK_VERSIONS]) {
    const cached = builtTemporalCliPath(options.toolsDir, version);
    if (existsSync(cached)) return { kind: 'binary', path: cached, origin: 'built' };
  }

  const go = findGo(options.searchPath);
  if (go) {
    const built = await goInstall({
      go,
      packagePath: PACKAGE,
      binaryName: 'temporal',
      versions: [TEMPORAL_CLI_VERSION, ...FALLBACK_VERSIONS],
      target: (version) => builtTemporalCliPath(options.toolsDir, version),
      onLine: options.onLine,
    });
    if (built) return { kind: 'binary', path: built.path, origin: 'built' };
  }

  if (options.allowSdkDownload ?? true) {
    options.onLine('No Go toolchain: the Temporal SDK will download the Temporal CLI (needs internet access)');
    return { kind: 'sdk-download', downloadDir: path.join(options.toolsDir, 'downloads') };
  }
  throw new ToolUnavailableError(
    `Temporal CLI ${TEMPORAL_CLI_VERSION} is not available. Install Go (https://go.dev/dl/) so it can be built, ` +
      'put `temporal` on PATH, set TEMPORAL_BIN to its path, or set TEMPORAL_ADDRESS to use a running Temporal server.',
  );
}
