import { Alert, Badge, Group, Paper, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ParseKeys } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { pickLanguage } from '../../api/error';
import type { ImportIssue, ImportReport } from '../../api/types';
import { formatNumber } from '../../ui/format';

function Stat({ label, value, color }: { label: string; value: ReactNode; color?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color}>
        {value}
      </Text>
    </Paper>
  );
}

/** Rows of an import file with a problem: line number, field, value, reason. */
function IssueTable({ title, issues, testId }: { title: string; issues: ImportIssue[]; testId: string }) {
  const { t, i18n } = useTranslation();
  // Record fields get their label; anything else (a column name) shows as sent.
  const fieldLabel = (f: string) =>
    i18n.exists(`fields.${f}`) ? t(`fields.${f}` as ParseKeys) : f || t('common.empty');
  return (
    <div>
      <Title order={4} size="h5" mb="xs">
        {title}
      </Title>
      <ScrollArea.Autosize mah={420} type="auto">
        <Table striped withTableBorder stickyHeader miw={560} data-testid={testId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={72}>{t('import.line')}</Table.Th>
              <Table.Th>{t('import.field')}</Table.Th>
              <Table.Th>{t('import.value')}</Table.Th>
              <Table.Th>{t('import.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {issues.map((e, i) => (
              <Table.Tr key={`${e.line}-${e.field}-${i}`}>
                <Table.Td>{e.line || t('common.empty')}</Table.Td>
                <Table.Td>{fieldLabel(e.field)}</Table.Td>
                <Table.Td style={{ wordBreak: 'break-all' }}>{e.value}</Table.Td>
                <Table.Td>{pickLanguage(e.reason, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </div>
  );
}

export function ImportReportView({ report }: { report: ImportReport }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatNumber(v, i18n.language);
  const errors = report.errors ?? [];
  const warnings = report.warnings ?? [];
  const dry = report.dry_run;

  return (
    <Stack gap="md" data-testid="import-report">
      <Group gap="sm">
        <Title order={3} size="h4">
          {t(dry ? 'import.reportPreview' : 'import.reportDone')}
        </Title>
        <Badge variant="light" color="gray" tt="none">
          {t('import.format')}: {report.format.toUpperCase()}
        </Badge>
        <Badge variant="light" color="gray" tt="none">
          {t('import.encoding')}: {report.encoding.toUpperCase()}
        </Badge>
      </Group>

      <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="sm">
        <Stat label={t('import.totalRows')} value={n(report.total_rows)} />
        <Stat label={t('import.validRows')} value={n(report.valid_rows)} color="teal.8" />
        <Stat label={t('import.invalidRows')} value={n(report.invalid_rows)} color={report.invalid_rows ? 'red.7' : undefined} />
        <Stat label={t(dry ? 'import.wouldCreate' : 'import.created')} value={n(report.created)} />
        <Stat label={t(dry ? 'import.wouldUpdate' : 'import.updated')} value={n(report.updated)} />
      </SimpleGrid>

      {!dry && !report.written && <Alert color="red">{t('import.notWritten')}</Alert>}
      {!dry && report.written && (
        <Alert color="teal">{t('import.done', { created: report.created, updated: report.updated })}</Alert>
      )}
      {dry && errors.length === 0 && <Alert color="teal">{t('import.noErrors')}</Alert>}

      {errors.length > 0 && (
        <IssueTable
          title={t(report.written ? 'import.skippedTitle' : 'import.errorsTitle')}
          issues={errors}
          testId="import-errors"
        />
      )}
      {report.errors_omitted ? (
        <Text size="sm" c="dimmed">
          {t('import.errorsOmitted', { count: report.errors_omitted })}
        </Text>
      ) : null}
      {warnings.length > 0 && <IssueTable title={t('import.warningsTitle')} issues={warnings} testId="import-warnings" />}
    </Stack>
  );
}
