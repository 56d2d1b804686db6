import { useEffect, useState } from 'react';
import { api } from '../api/client';

/** A failed refresh keeps the last answer (`last`), so a live screen can go on showing it beside the error. */
export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; data: T } | { state: 'failed'; message: string; last?: T };

/**
 * GETs a path and keeps the answer; a new `refresh` value asks again (keeping the last answer shown
 * meanwhile, so periodic refreshes do not flicker). A null path loads nothing.
 */
export function useApiData<T>(path: string | null, refresh: unknown = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<{ path: string | null; result: Loaded<T> }>({ path, result: { state: 'loading' } });
  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    api.get<T>(path).then(
      (data) => !cancelled && setLoaded({ path, result: { state: 'loaded', data } }),
      (error: unknown) =>
        !cancelled &&
        setLoaded((previous) => {
          const last = previous.path !== path ? undefined : previous.result.state === 'loaded' ? previous.result.data : previous.result.state === 'failed' ? previous.result.last : undefined;
          return { path, result: { state: 'failed', message: (error as Error).message, ...(last === undefined ? {} : { last }) } };
        }),
    );
    return () => {
      cancelled = true;
    };
  }, [path, refresh]);
  // An answer for another path (the screen moved on) is not this one's.
  return loaded.path === path ? loaded.result : { state: 'loading' };
}

/** Counts up every `ms` while mounted: a `refresh` value for useApiData. */
export function useTicker(ms: number): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return tick;
}
