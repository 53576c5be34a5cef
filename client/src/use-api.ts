/** Loads an API resource for a component: data, error and a reload; re-runs when the key changes. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from './api/http.js';

export interface Loaded<T> { data: T | undefined; error: ApiError | Error | undefined; loading: boolean; reload: () => void }

export function useApi<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: Error | undefined; loading: boolean; forKey: string | null }>({ data: undefined, error: undefined, loading: key !== null, forKey: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    load().then(
      (data) => { if (live) setState({ data, error: undefined, loading: false, forKey: key }); },
      (error: Error) => { if (live) setState({ data: undefined, error, loading: false, forKey: key }); },
    );
    return () => { live = false; };
    // `load` is deliberately not a dependency: the key names what is loaded.
  }, [key, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}
