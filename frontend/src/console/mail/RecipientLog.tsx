import { Center, Group, Pagination, Paper, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mailApi, mailDownloads } from '../../api/mailClient';
import { recipientStates, type Recipient } from '../../api/mailTypes';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApi } from '../../ui/useApi';
import { formatJst } from './format';
import { RecipientBadge } from './parts';

const pageSize = 50;

/** Replies wrap in a narrow column; everything else stays on one line (badges whole). */
function cellStyle(column: string) {
  if (column === 'last_reply') return { maxWidth: 280 };
  return { whiteSpace: 'nowrap' as const, minWidth: column === 'state' ? 104 : undefined };
}
const col = createColumnHelper<Recipient>();

/**
 * Each recipient's state, attempts and the server's last reply: searched,
 * filtered and paged by the server. `tick` reloads it while the campaign runs.
 */
export function RecipientLog({ campaignId, tick }: { campaignId: number; tick: number }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [state, setState] = useState('');
  const [page, setPage] = useState(1);
  const query = { q, state, offset: (page - 1) * pageSize, limit: pageSize };
  const list = useApi(`recipients:${campaignId}:${JSON.stringify(query)}:${tick}`, (signal) =>
    mailApi.recipients(campaignId, query, signal),
  );
  const total = list.data?.total ?? 0;

  const columns = useMemo(
    () => [
      col.accessor('name', { header: () => t('mail.detail.colName') }),
      col.accessor('address', { header: () => t('mail.detail.colAddress') }),
      col.accessor('state', { header: () => t('mail.detail.colState'), cell: (c) => <RecipientBadge state={c.getValue()} /> }),
      col.accessor('attempts', { header: () => t('mail.detail.colAttempts') }),
      col.accessor('last_reply', {
        header: () => t('mail.detail.colReply'),
        cell: (c) => (
          <Text size="xs" c="dimmed" lineClamp={2} title={c.getValue()} style={{ fontFamily: 'var(--mantine-font-family-monospace)' }}>
            {c.getValue()}
          </Text>
        ),
      }),
      col.accessor('sent_at', { header: () => t('mail.detail.colSentAt'), cell: (c) => formatJst(c.getValue(), i18n.language) }),
    ],
    [t, i18n.language],
  );
  const table = useReactTable({
    data: list.data?.items ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualPagination: true,
    getRowId: (r) => String(r.id),
  });

  return (
    <Stack gap="xs" data-testid="recipient-log">
      <Group gap="sm" justify="space-between">
        <Group gap="sm" style={{ flex: '1 1 320px' }}>
          <TextInput
            type="search"
            placeholder={t('mail.detail.search')}
            aria-label={t('mail.detail.search')}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setPage(1);
            }}
            style={{ flex: '1 1 220px' }}
          />
          <Select
            aria-label={t('mail.detail.colState')}
            data={[
              { value: '', label: t('mail.detail.allStates') },
              ...recipientStates.map((s) => ({ value: s, label: t(`mail.rstate.${s}`) })),
            ]}
            value={state}
            onChange={(v) => {
              setState(v ?? '');
              setPage(1);
            }}
            allowDeselect={false}
            w={170}
          />
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('mail.detail.rows', { count: total })}
          </Text>
          <DownloadButton download={{ method: 'GET', path: mailDownloads.recipients(campaignId, { q, state }), name: `campaign-${campaignId}-recipients.csv` }} variant="default">
            {t('mail.detail.export')}
          </DownloadButton>
        </Group>
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && total === 0 ? (
        <Paper withBorder p="lg">
          <Center>
            <Text c="dimmed" size="sm">
              {t('mail.detail.empty')}
            </Text>
          </Center>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing={6} bg="white" striped fz="sm">
            <Table.Thead>
              {table.getHeaderGroups().map((g) => (
                <Table.Tr key={g.id}>
                  {g.headers.map((h) => (
                    <Table.Th key={h.id} style={{ whiteSpace: 'nowrap' }}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </Table.Th>
                  ))}
                </Table.Tr>
              ))}
            </Table.Thead>
            <Table.Tbody>
              {table.getRowModel().rows.map((row) => (
                <Table.Tr key={row.id} data-testid="recipient-row">
                  {row.getVisibleCells().map((cell) => (
                    <Table.Td key={cell.id} style={cellStyle(cell.column.id)}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {total > pageSize && (
        <Center>
          <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} siblings={1} boundaries={1} />
        </Center>
      )}
    </Stack>
  );
}
