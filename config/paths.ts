import { existsSync } from 'node:fs';
import path from 'node:path';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

/**
 * The project's root folder, whether the code runs from its TypeScript sources (tsx, jest) or from
 * the compiled copy in dist/ (production images), which sit at different depths.
 */
export const projectRoot = findProjectRoot(path.resolve(__dirname, '..'));
