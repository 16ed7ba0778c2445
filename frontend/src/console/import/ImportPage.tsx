import { Alert, Button, Checkbox, Group, Paper, Progress, Select, Stack, Text } from '@mantine/core';
import { Dropzone } from '@mantine/dropzone';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { ImportReportView } from './ImportReportView';
import { useImportJob } from './useImportJob';

// Browsers label CSV/TSV files inconsistently (Excel on Windows says
// application/vnd.ms-excel), so the extension decides too.
const accept = {
  'text/csv': ['.csv'],
  'text/tab-separated-values': ['.tsv'],
  'text/plain': ['.txt', '.csv', '.tsv'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const companies = useApi('companies', (signal) => api.companies(signal));
  const [file, setFile] = useState<File>();
  const [rejected, setRejected] = useState(false);
  const [companyId, setCompanyId] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const { run, running, start, reset } = useImportJob();

  const company = companyId ?? (companies.data?.items[0] ? String(companies.data.items[0].id) : null);
  const job = run?.job;
  // Import once the file was checked: after a preview, or after an
  // all-or-nothing import that wrote nothing (to retry skipping bad rows).
  const checked = job?.state === 'done' && job.report !== null && !job.report.written;

  function choose(files: File[]) {
    setFile(files[0]);
    setRejected(false);
    reset();
  }

  function go(dryRun: boolean) {
    if (file && company) void start(file, { companyId: Number(company), dryRun, skipInvalid });
  }

  return (
    <Stack gap="md" maw={960}>
      <PageHeader title={t('import.title')} description={t('import.intro')} />

      <Paper withBorder p="md">
        <Stack gap="md">
          <Dropzone
            onDrop={choose}
            onReject={() => setRejected(true)}
            accept={accept}
            multiple={false}
            disabled={running}
            data-testid="import-dropzone"
          >
            <Stack align="center" gap={4} py="lg" style={{ pointerEvents: 'none' }}>
              <Text fw={600}>{file ? file.name : t('import.drop')}</Text>
              <Text size="sm" c="dimmed">
                {file
                  ? t('import.changeFile', { size: `${formatNumber(Math.ceil(file.size / 1024), i18n.language)} KB` })
                  : t('import.dropHint')}
              </Text>
            </Stack>
          </Dropzone>
          {rejected && <Alert color="red">{t('import.rejected')}</Alert>}

          <Group align="flex-end" gap="md">
            <Select
              label={t('import.company')}
              data={(companies.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
              value={company}
              onChange={(v) => {
                setCompanyId(v);
                reset();
              }}
              allowDeselect={false}
              disabled={running}
              w={260}
            />
            <Button variant="default" onClick={() => go(true)} disabled={!file || !company || running}>
              {t('import.preview')}
            </Button>
          </Group>

          <Stack gap={6}>
            <Checkbox
              label={t('import.skipInvalid')}
              checked={skipInvalid}
              onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              disabled={running}
            />
            <Text size="xs" c="dimmed" pl={30}>
              {t('import.allOrNothing')}
            </Text>
          </Stack>
          <Group>
            <Button onClick={() => go(false)} disabled={!checked || running}>
              {t('import.run')}
            </Button>
            {file && !run && (
              <Text size="sm" c="dimmed">
                {t('import.previewFirst')}
              </Text>
            )}
          </Group>
        </Stack>
      </Paper>

      {companies.error && <ErrorAlert error={companies.error} onRetry={companies.reload} />}
      {run?.error && <ErrorAlert error={run.error} title={t('import.failed')} />}
      {running && (
        <Paper withBorder p="md" data-testid="import-progress">
          <Text size="sm" mb={6}>
            {job?.phase === 'write' ? t('import.phaseWrite') : job?.phase === 'parse' ? t('import.phaseParse') : t('import.starting')}
            {job && job.total > 0 && ` — ${t('import.progress', { done: job.done, total: job.total })}`}
          </Text>
          <Progress value={job && job.total > 0 ? (job.done / job.total) * 100 : 100} animated striped />
        </Paper>
      )}
      {job?.report && !running && (
        <Paper withBorder p="md">
          <ImportReportView report={job.report} />
        </Paper>
      )}
    </Stack>
  );
}
