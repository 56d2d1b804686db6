import { errorBodySchema } from '../../../domain/errors';
import { session } from './session';

/** An API error as the API shapes it: `{ error: { code, message, details } }`, with the HTTP status. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Listeners told when the API answers 401, so the app can ask for a key again. */
const unauthorisedListeners = new Set<() => void>();
export const onUnauthorised = (listener: () => void) => {
  unauthorisedListeners.add(listener);
  // Returns nothing, so it can be a React effect's cleanup as it is.
  return (): void => {
    unauthorisedListeners.delete(listener);
  };
};

async function request<T>(method: string, path: string, body?: unknown, key = session.key()): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { authorization: `Bearer ${key}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (response.ok) return parsed as T;
  if (response.status === 401) unauthorisedListeners.forEach((listener) => listener());
  const failure = errorBodySchema.safeParse(parsed);
  if (failure.success) throw new ApiError(response.status, failure.data.error.code, failure.data.error.message, failure.data.error.details);
  throw new ApiError(response.status, 'unexpected', `HTTP ${response.status} from ${path}`);
}

/** The management API, called with the signed-in key. */
export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  /** Checks a key before it is kept: an admin key can list the keys. */
  verifyKey: (key: string) => request<unknown>('GET', '/api/keys', undefined, key),
};
