import { useCallback, useState } from 'react';
import { asApiError, type ApiError } from '../api/error';

/**
 * A form's one action at a time: run(fn) marks the form busy, clears the
 * last error, runs fn and keeps its failure as an ApiError to show.
 */
export function useRun() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (fn: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
