import { fieldIssueSchema } from '../../../domain/errors';
import { ApiError } from '../api/client';

export type Path = readonly (string | number)[];

/** A problem the API (or a check here) names by its path in the request body. */
export interface Problem {
  path: Path;
  message: string;
  line?: number;
  column?: number;
}

export const pathKey = (path: Path) => path.map(String).join('.');

/** Whether `path` lies at or under `prefix`. */
export const isUnder = (path: Path, prefix: Path) => prefix.length <= path.length && prefix.every((part, index) => String(path[index]) === String(part));

/**
 * The field problems of a 400: the API's error shape carries zod's issue paths in details.issues, so
 * each one can be shown beside the control it is about. Anything else becomes one problem without a path.
 */
export function problemsOf(error: unknown): Problem[] {
  if (error instanceof ApiError) {
    const issues = (error.details as { issues?: unknown } | undefined)?.issues;
    if (Array.isArray(issues)) {
      const parsed = issues.flatMap((issue) => {
        const ok = fieldIssueSchema.safeParse(issue);
        if (!ok.success) return [];
        const position = issue as { line?: unknown; column?: unknown };
        return [{ path: ok.data.path, message: ok.data.message, ...(typeof position.line === 'number' ? { line: position.line } : {}), ...(typeof position.column === 'number' ? { column: position.column } : {}) }];
      });
      if (parsed.length > 0) return parsed;
    }
    return [{ path: [], message: error.message }];
  }
  return [{ path: [], message: error instanceof Error ? error.message : String(error) }];
}

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
