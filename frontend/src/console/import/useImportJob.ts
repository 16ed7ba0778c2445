import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { ApiError, asApiError } from '../../api/error';
import type { Job } from '../../api/types';

const pollMs = 400;

export interface ImportRun {
  /** The job as last polled; undefined until the upload is accepted. */
  job: Job | undefined;
  error: ApiError | undefined;
}

/** Uploads a file for import, then follows the server's job until it ends. */
export function useImportJob() {
  const [run, setRun] = useState<ImportRun>();
  const current = useRef<AbortController | undefined>(undefined);

  useEffect(() => () => current.current?.abort(), []);

  const start = useCallback(async (file: File, opts: { companyId: number; dryRun: boolean; skipInvalid: boolean }) => {
    current.current?.abort();
    const ctl = new AbortController();
    current.current = ctl;
    setRun({ job: undefined, error: undefined });
    try {
      const { job_id } = await api.startImport(file, opts);
      for (;;) {
        const job = await api.job(job_id, ctl.signal);
        if (ctl.signal.aborted) return;
        setRun({ job, error: job.error ? new ApiError(200, job.error) : undefined });
        if (job.state !== 'running') return;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    } catch (err) {
      if (!ctl.signal.aborted) setRun({ job: undefined, error: asApiError(err) });
    }
  }, []);

  const reset = useCallback(() => {
    current.current?.abort();
    setRun(undefined);
  }, []);

  const running = run !== undefined && !run.error && run.job?.state !== 'done' && run.job?.state !== 'failed';
  return { run, running, start, reset };
}
