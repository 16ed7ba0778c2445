import { Alert, Button, FileButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, downloads } from '../api/client';
import { desktopShell, type ShellResult } from '../api/desktop';
import { ApiError, asApiError, pickLanguage } from '../api/error';
import type { ExportFormat } from '../api/types';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { ErrorAlert } from '../ui/ErrorAlert';
import { PageHeader } from '../ui/PageHeader';
import { usePermissions } from './session';

const exportFormats: { format: ExportFormat; label: 'data.csvExcel' | 'data.csvSjis' | 'data.json' }[] = [
  { format: 'csv', label: 'data.csvExcel' },
  { format: 'csv-sjis', label: 'data.csvSjis' },
  { format: 'json', label: 'data.json' },
];

type Outcome = { ok: true; message: string } | { ok: false; error: ApiError };

function Card({ title, intro, children }: { title: string; intro: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5">
        {title}
      </Title>
      <Text size="sm" c="dimmed" mt={4} mb="sm">
        {intro}
      </Text>
      {children}
    </Paper>
  );
}

function OutcomeAlert({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return outcome.ok ? (
    <Alert color="teal" mt="sm" role="status">
      {outcome.message}
    </Alert>
  ) : (
    <Stack mt="sm">
      <ErrorAlert error={outcome.error} />
    </Stack>
  );
}

/** A native dialog's answer; ok=false with no message means the user cancelled. */
function fromShell(r: ShellResult, success: string, cancelled: string): Outcome {
  if (r.ok) return { ok: true, message: success };
  if (!r.message) return { ok: true, message: cancelled };
  const error = new ApiError(0, {
    code: 'desktop.failed',
    message: pickLanguage(r.message, 'ja'),
    message_en: pickLanguage(r.message, 'en'),
  });
  return { ok: false, error };
}

export function DataPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const shell = desktopShell();
  const [exported, setExported] = useState<Outcome>();
  const [backup, setBackup] = useState<Outcome>();
  const [restore, setRestore] = useState<Outcome>();
  // The chosen backup file, waiting for confirmation (browser only: the
  // desktop shell confirms in its own native dialog after the file choice).
  const [confirming, setConfirming] = useState<File>();
  const [busy, setBusy] = useState(false);

  async function withBusy(work: () => Promise<Outcome>, done: (o: Outcome) => void) {
    setBusy(true);
    try {
      done(await work());
    } catch (err) {
      done({ ok: false, error: asApiError(err) });
    } finally {
      setBusy(false);
    }
  }

  function runDesktopExport(format: ExportFormat) {
    void withBusy(async () => {
      const r = await shell!.Export!(format);
      return fromShell(r, t('data.exportSaved', { path: r.path }), t('data.cancelled'));
    }, setExported);
  }

  function runDesktopBackup() {
    void withBusy(async () => {
      const r = await shell!.Backup();
      return fromShell(r, t('data.backupSaved', { path: r.path }), t('data.cancelled'));
    }, setBackup);
  }

  function runDesktopRestore() {
    void withBusy(async () => fromShell(await shell!.Restore(), t('data.restored'), t('data.cancelled')), setRestore);
  }

  function runUploadRestore(file: File) {
    setConfirming(undefined);
    void withBusy(async () => {
      await api.restore(file);
      return { ok: true, message: t('data.restored') };
    }, setRestore);
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('data.title')} />

      {can('alumni.export') && (
        <Card title={t('data.exportTitle')} intro={t('data.exportIntro')}>
          <Group gap="sm">
            {exportFormats.map((f) =>
              shell?.Export ? (
                <Button key={f.format} variant="default" onClick={() => runDesktopExport(f.format)} loading={busy}>
                  {t(f.label)}
                </Button>
              ) : (
                <Button key={f.format} component="a" href={downloads.export(f.format)} download variant="default">
                  {t(f.label)}
                </Button>
              ),
            )}
          </Group>
          <OutcomeAlert outcome={exported} />
        </Card>
      )}

      {can('backup.run') && (
        <>
          <Card title={t('data.backupTitle')} intro={t('data.backupIntro')}>
            {shell ? (
              <Button onClick={runDesktopBackup} loading={busy}>
                {t('data.backupRun')}
              </Button>
            ) : (
              <Button component="a" href={downloads.backup} download>
                {t('data.backupRun')}
              </Button>
            )}
            <OutcomeAlert outcome={backup} />
          </Card>

          <Card title={t('data.restoreTitle')} intro={t('data.restoreIntro')}>
            {shell ? (
              <Button color="red" variant="outline" onClick={runDesktopRestore} loading={busy}>
                {t('data.restoreDesktop')}
              </Button>
            ) : (
              <FileButton onChange={(file) => file && setConfirming(file)} accept=".db,.sqlite,.bak">
                {(props) => (
                  <Button {...props} color="red" variant="outline" loading={busy}>
                    {t('data.restoreChoose')}
                  </Button>
                )}
              </FileButton>
            )}
            <OutcomeAlert outcome={restore} />
          </Card>
        </>
      )}

      <ConfirmDialog
        opened={confirming !== undefined}
        title={t('data.confirmTitle')}
        confirmLabel={t('data.confirmRun')}
        acknowledge={t('data.confirmCheck')}
        onConfirm={() => confirming && runUploadRestore(confirming)}
        onClose={() => setConfirming(undefined)}
      >
        <Alert color="red" variant="light">
          {t('data.confirmBody')}
        </Alert>
        <Text size="sm" fw={600}>
          {t('data.confirmFile', { name: confirming?.name })}
        </Text>
      </ConfirmDialog>
    </Stack>
  );
}
