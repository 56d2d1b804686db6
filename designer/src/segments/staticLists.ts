import { errorBodySchema } from '../../../domain/errors';
import type { SegmentView } from '../../../domain/segments/definition';
import { api, ApiError } from '../api/client';
import { session } from '../api/session';

/** A list file as the API takes it: CSV text as it is (the API reads its first column), JSON as members. */
export type ListFile = { kind: 'csv'; text: string } | { kind: 'json'; members: string[] };

/** FileReader rather than Blob.text(), which older engines (and jsdom) lack. */
export function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read'));
    reader.readAsText(file);
  });
}

/** JSON files may hold the members array itself or `{ members }`, as the API's JSON body does. */
export async function readListFile(file: File): Promise<ListFile> {
  const text = await readText(file);
  const isJson = file.type === 'application/json' || /\.json$/i.test(file.name);
  if (!isJson) return { kind: 'csv', text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file.name} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const members = Array.isArray(parsed) ? parsed : (parsed as { members?: unknown } | null)?.members;
  if (!Array.isArray(members) || !members.every((member) => typeof member === 'string')) throw new Error(`${file.name} must hold a list of emails or ids, or { "members": [...] }`);
  return { kind: 'json', members };
}

/**
 * The API client speaks JSON only; a CSV goes to the same endpoints as text/csv, with the same key
 * and the same error shape, so that the API's own CSV reading (header row, first column) applies.
 */
async function sendCsv<T>(method: 'POST' | 'PUT', path: string, text: string): Promise<T> {
  const key = session.key();
  const response = await fetch(path, { method, headers: { accept: 'application/json', 'content-type': 'text/csv', ...(key ? { authorization: `Bearer ${key}` } : {}) }, body: text });
  const body = await response.text();
  const parsed: unknown = body ? JSON.parse(body) : undefined;
  if (response.ok) return parsed as T;
  const failure = errorBodySchema.safeParse(parsed);
  if (failure.success) throw new ApiError(response.status, failure.data.error.code, failure.data.error.message, failure.data.error.details);
  throw new ApiError(response.status, 'unexpected', `HTTP ${response.status} from ${path}`);
}

export interface CreatedList {
  segment: SegmentView;
  added: number;
  unknown: string[];
}

export function createStaticList(list: ListFile, name: string, description: string): Promise<CreatedList> {
  if (list.kind === 'json') return api.post<CreatedList>('/api/segments/lists', { name, description, members: list.members });
  const query = new URLSearchParams({ name, ...(description ? { description } : {}) });
  return sendCsv<CreatedList>('POST', `/api/segments/lists?${query}`, list.text);
}

export interface ReplacedList {
  added: number;
  removed: number;
  unknown: string[];
}

export function replaceStaticList(segmentId: string, list: ListFile): Promise<ReplacedList> {
  const path = `/api/segments/${encodeURIComponent(segmentId)}/members`;
  return list.kind === 'json' ? api.put<ReplacedList>(path, { members: list.members }) : sendCsv<ReplacedList>('PUT', path, list.text);
}
