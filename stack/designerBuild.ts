import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot as root } from '../config/paths';
import type { LineWriter } from './log';
import { runCommand } from './tools/run';

const designerDir = path.join(root, 'designer');

function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name.startsWith('.dist-') || entry.name === 'node_modules' || entry.name.endsWith('.test.ts') || entry.name.endsWith('.test.tsx')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds designer/dist with Vite when it is missing or older than its sources (the designer's and the
 * shared domain's, which it bundles). The build goes to a folder of its own and replaces dist by
 * renaming, so two stacks starting at once (tests run in parallel) never serve a half-written build.
 */
export async function ensureDesignerBuilt(onLine: LineWriter): Promise<void> {
  const dist = path.join(designerDir, 'dist');
  const index = path.join(dist, 'index.html');
  const sources = Math.max(newestSourceChange(designerDir), newestSourceChange(path.join(root, 'domain')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  onLine('Building the designer with Vite…');
  const building = path.join(designerDir, `.dist-${process.pid}`);
  const code = await runCommand(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(designerDir, 'vite.config.ts'), '--outDir', building, '--emptyOutDir'],
    { cwd: root, onLine },
  );
  if (code !== 0) {
    rmSync(building, { recursive: true, force: true });
    throw new Error(`The designer build failed (exit ${code}); see the lines above.`);
  }
  const previous = path.join(designerDir, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, previous);
  try {
    renameSync(building, dist);
  } catch (error) {
    // Another stack's identical build got there first between the two renames.
    if (!existsSync(index)) throw error;
    rmSync(building, { recursive: true, force: true });
  }
  rmSync(previous, { recursive: true, force: true });
}
