import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { projectRoot as root } from '../config/paths';
import type { LineWriter } from './log';
import { runCommand } from './tools/run';

const designerDir = path.join(root, 'designer');

function newestSourceChange(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceChange(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds designer/dist with Vite when it is missing or older than the designer's sources. */
export async function ensureDesignerBuilt(onLine: LineWriter): Promise<void> {
  const index = path.join(designerDir, 'dist', 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestSourceChange(designerDir)) return;
  onLine('Building the designer with Vite…');
  const code = await runCommand(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(designerDir, 'vite.config.ts')],
    { cwd: root, onLine },
  );
  if (code !== 0) throw new Error(`The designer build failed (exit ${code}); see the lines above.`);
}
