import { Button, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { saveDownload, type Download } from '../api/desktop';
import { asApiError } from '../api/error';
import { notifyError, notifySuccess } from './notify';

/**
 * A button that saves a file the API serves (a CSV export …): through the
 * desktop window's save dialog there, by the browser elsewhere. A failure
 * shows the API's reason.
 */
export function DownloadButton({ download, children, ...props }: { download: Download; children: ReactNode } & ButtonProps) {
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      const saved = await saveDownload(download);
      if (saved) notifySuccess(saved);
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button {...props} loading={busy} onClick={() => void save()}>
      {children}
    </Button>
  );
}
