import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { ToolUnavailableError } from './errors';

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable called `name` on PATH, if any. */
export function findOnPath(name: string, searchPath: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** A binary named by an environment variable must exist: a typo should fail loudly, not fall through. */
export function binaryFromEnv(variable: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  const resolved = path.resolve(value);
  if (!isExecutable(resolved)) {
    throw new ToolUnavailableError(`${variable}=${value} is not an executable file. Fix the path or unset ${variable}.`);
  }
  return resolved;
}
