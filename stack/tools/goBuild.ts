import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LineWriter } from '../log';
import { findOnPath } from './locate';
import { runCommand } from './run';

/** `go` on PATH, or where the official Go installer puts it. */
export function findGo(searchPath = `${process.env.PATH ?? ''}${path.delimiter}/usr/local/go/bin`): string | undefined {
  return findOnPath('go', searchPath);
}

const heartbeat = (what: string) => ({
  everyMs: 20_000,
  message: (seconds: number) => `… still building ${what} (${seconds} s; Go compiles it once, later starts reuse it)`,
});

/**
 * Builds into a temporary folder and renames into place, so a build interrupted half-way (or two
 * builds racing) never leaves a broken binary where later starts would pick it up.
 */
async function buildInto(target: string, build: (tempBin: string) => Promise<boolean>): Promise<boolean> {
  mkdirSync(path.dirname(target), { recursive: true });
  const tempDir = mkdtempSync(path.join(path.dirname(target), '.build-'));
  try {
    const tempBin = path.join(tempDir, path.basename(target));
    if (!(await build(tempBin))) return false;
    renameSync(tempBin, target);
    return true;
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

/** `go install module/cmd@version`, trying each version in turn (for tags the proxy does not serve). */
export async function goInstall(options: {
  go: string;
  packagePath: string;
  binaryName: string;
  versions: string[];
  target: (version: string) => string;
  onLine: LineWriter;
}): Promise<{ path: string; version: string } | undefined> {
  for (const version of options.versions) {
    const target = options.target(version);
    options.onLine(`Building ${options.packagePath}@${version} with Go into ${target} (first start only)`);
    const built = await buildInto(target, async (tempBin) => {
      const code = await runCommand(options.go, ['install', `${options.packagePath}@${version}`], {
        env: { ...process.env, GOBIN: path.dirname(tempBin), CGO_ENABLED: '0' },
        onLine: options.onLine,
        heartbeat: heartbeat(options.binaryName),
      });
      if (code === 0) renameSync(path.join(path.dirname(tempBin), options.binaryName), tempBin);
      return code === 0;
    });
    if (built) return { path: target, version };
    options.onLine(`go install ${options.packagePath}@${version} failed; trying the next version if any`);
  }
  return undefined;
}

/** `go build` of one of the project's own Go modules (pinned by its checked-in go.sum). */
export async function goBuildModule(options: {
  go: string;
  moduleDir: string;
  target: string;
  onLine: LineWriter;
}): Promise<boolean> {
  options.onLine(`Building ${path.relative(process.cwd(), options.moduleDir)} with Go into ${options.target} (first start only)`);
  return buildInto(options.target, async (tempBin) => {
    const code = await runCommand(options.go, ['build', '-trimpath', '-o', tempBin, '.'], {
      cwd: options.moduleDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      onLine: options.onLine,
      heartbeat: heartbeat(path.basename(options.target)),
    });
    return code === 0;
  });
}
