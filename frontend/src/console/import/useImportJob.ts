import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { asApiError, ApiError } from '../../api/error';
import type { Job } from '../../api/types';

const pollMs = 400;

export interface ImportRun {
  dryRun: boolean;
  job: Job | undefined;
  error: ApiError | undefined;
}

/** Starts an import job on the server and follows it until it ends. */
export function useImportJob() {
  const [run, setRun] = useState<ImportRun>();
  const stopped = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => stopped.current?.abort(), []);

  const start = useCallback(
    async (file: File, opts: { companyId: number; dryRun: boolean; skipInvalid: boolean }) => {
      stopped.current?.abort();
      const ctl = new AbortController();
      stopped.current = ctl;
      setRun({ dryRun: opts.dryRun, job: undefined, error: undefined });
      try {
        const { job_id } = await api.startImport(file, opts);
        for (;;) {
          const job = await api.job(job_id, ctl.signal);
          if (ctl.signal.aborted) return;
          setRun({ dryRun: opts.dryRun, job, error: job.error ? new ApiError(200, job.error) : undefined });
          if (job.state !== 'running') return;
          await new Promise((resolve) => setTimeout(resolve, pollMs));
        }
      } catch (err) {
        if (!ctl.signal.aborted) setRun({ dryRun: opts.dryRun, job: undefined, error: asApiError(err) });
      }
    },
    [],
  );

  const reset = useCallback(() => {
    stopped.current?.abort();
    setRun(undefined);
  }, []);

  const running = run !== undefined && !run.error && run.job?.state !== 'done' && run.job?.state !== 'failed';
  return { run, running, start, reset };
}
