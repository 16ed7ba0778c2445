import { Center, Paper, Select, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ErrorAlert } from '../ui/ErrorAlert';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeader } from '../ui/PageHeader';
import { useApi } from '../ui/useApi';

const limits = ['100', '500', '1000'];

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const [limit, setLimit] = useState('100');
  const audit = useApi(`audit:${limit}`, (signal) => api.audit(Number(limit), signal));
  const items = audit.data?.items ?? [];

  return (
    <>
      <PageHeader title={t('audit.title')}>
        <Select
          aria-label={t('audit.limit')}
          data={limits}
          value={limit}
          onChange={(v) => setLimit(v ?? '100')}
          allowDeselect={false}
          w={100}
        />
      </PageHeader>
      {audit.error && <ErrorAlert error={audit.error} onRetry={audit.reload} />}
      {!audit.data && !audit.error && <Loading />}
      {audit.data && (
        <Paper withBorder>
          {items.length === 0 ? (
            <Center p="xl">
              <Text c="dimmed">{t('audit.empty')}</Text>
            </Center>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={170}>{t('audit.at')}</Table.Th>
                    <Table.Th>{t('audit.actor')}</Table.Th>
                    <Table.Th>{t('audit.action')}</Table.Th>
                    <Table.Th>{t('audit.subject')}</Table.Th>
                    <Table.Th>{t('audit.detail')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((e, i) => (
                    <Table.Tr key={`${e.at}-${i}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language)}</Table.Td>
                      <Table.Td>{e.actor}</Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {e.action}
                        </Text>
                      </Table.Td>
                      <Table.Td>{e.subject}</Table.Td>
                      <Table.Td style={{ wordBreak: 'break-word' }}>{e.detail}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
    </>
  );
}
