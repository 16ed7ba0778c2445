import { useCallback, useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../api/error';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Runs an API read whenever its key changes, cancelling the one before, so a
 * late answer to an old search never replaces the newer one. The previous data
 * stays shown while the next answer loads.
 */
export function useApi<T>(key: string, load: (signal: AbortSignal) => Promise<T>): ApiState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const ctl = new AbortController();
    setLoading(true);
    load(ctl.signal).then(
      (value) => {
        setData(value);
        setError(undefined);
        setLoading(false);
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => ctl.abort();
    // `load` is a fresh closure each render; `key` names what it loads.
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
