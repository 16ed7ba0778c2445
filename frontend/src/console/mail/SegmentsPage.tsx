import { Anchor, Button, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { mailApi } from '../../api/mailClient';
import { ListStatus } from '../../ui/ListStatus';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { formatJst } from './format';
import { mailUrls } from './mailPaths';

export function SegmentsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const list = useApi('segments', (signal) => mailApi.segments(signal));
  const items = list.data?.items ?? [];
  const n = (v: number | undefined) => (v === undefined ? '—' : formatNumber(v, i18n.language));
  return (
    <Stack gap="sm">
      <PageHeader title={t('mail.segments.title')} description={t('mail.segments.intro')}>
        {can('mail.write') && (
          <Button component={Link} to={mailUrls.segment('new')}>
            {t('mail.segments.new')}
          </Button>
        )}
      </PageHeader>
      <ListStatus state={list} count={items.length} emptyText={t('mail.segments.empty')} />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table highlightOnHover verticalSpacing="sm" bg="white" data-testid="segments-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mail.segments.name')}</Table.Th>
                <Table.Th ta="right">{t('mail.audience.matched')}</Table.Th>
                <Table.Th ta="right" visibleFrom="sm">{t('mail.audience.optedIn')}</Table.Th>
                <Table.Th ta="right" visibleFrom="sm">{t('mail.audience.suppressed')}</Table.Th>
                <Table.Th ta="right">{t('mail.audience.reachable')}</Table.Th>
                <Table.Th visibleFrom="md">{t('mail.segments.updatedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={() => navigate(mailUrls.segment(s.id))}>
                  <Table.Td>
                    <Anchor component={Link} to={mailUrls.segment(s.id)} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                      {s.name}
                    </Anchor>
                    {s.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {s.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{n(s.count?.matched)}</Table.Td>
                  <Table.Td ta="right" visibleFrom="sm">{n(s.count?.opted_in)}</Table.Td>
                  <Table.Td ta="right" visibleFrom="sm">{n(s.count?.suppressed)}</Table.Td>
                  <Table.Td ta="right" fw={700} c="teal.8">
                    {n(s.count?.reachable)}
                  </Table.Td>
                  <Table.Td visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
                    {formatJst(s.updated_at, i18n.language)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
