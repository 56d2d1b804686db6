import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';

/** A failed refresh keeps the last answer (`last`), so a live screen can go on showing it beside the error. */
export type Loaded<T> = { state: 'loading' } | { state: 'loaded'; data: T } | { state: 'failed'; message: string; last?: T };

/**
 * GETs a path and keeps the answer; a new `refresh` value asks again (keeping the last answer shown
 * meanwhile, so periodic refreshes do not flicker). A null path loads nothing.
 *
 * A refresh never throws away an answer still on its way: on a slow server an answer that takes
 * longer than the refresh interval is shown when it comes, and no second request for the same path
 * is sent while one is out (a refresh due meanwhile is sent when it returns).
 */
export function useApiData<T>(path: string | null, refresh: unknown = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<{ path: string | null; result: Loaded<T> }>({ path, result: { state: 'loading' } });
  // Requests belong to a generation of the path: answers for an earlier path (or an unmounted screen) are dropped.
  const current = useRef({ path, generation: 0, mounted: true, inFlight: false, refreshDue: false });
  // Bumped to send a refresh that came due while a request was out.
  const [retry, setRetry] = useState(0);

  useEffect(() => {
    const state = current.current;
    state.mounted = true;
    return () => {
      state.mounted = false;
    };
  }, []);

  useEffect(() => {
    const state = current.current;
    if (state.path !== path) Object.assign(state, { path, generation: state.generation + 1, inFlight: false, refreshDue: false });
    if (path === null) return;
    if (state.inFlight) {
      state.refreshDue = true;
      return;
    }
    state.inFlight = true;
    const generation = state.generation;
    const stillWanted = () => state.mounted && state.generation === generation;
    const settle = () => {
      if (!stillWanted()) return;
      state.inFlight = false;
      if (state.refreshDue) {
        state.refreshDue = false;
        setRetry((value) => value + 1);
      }
    };
    api.get<T>(path).then(
      (data) => {
        if (stillWanted()) setLoaded({ path, result: { state: 'loaded', data } });
        settle();
      },
      (error: unknown) => {
        if (stillWanted())
          setLoaded((previous) => {
            const last = previous.path !== path ? undefined : previous.result.state === 'loaded' ? previous.result.data : previous.result.state === 'failed' ? previous.result.last : undefined;
            return { path, result: { state: 'failed', message: (error as Error).message, ...(last === undefined ? {} : { last }) } };
          });
        settle();
      },
    );
  }, [path, refresh, retry]);
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
