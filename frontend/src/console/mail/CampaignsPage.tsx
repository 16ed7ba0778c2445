import { Anchor, Button, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { mailApi } from '../../api/mailClient';
import type { Campaign } from '../../api/mailTypes';
import { ListStatus } from '../../ui/ListStatus';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { formatJst, percent } from './format';
import { mailUrls } from './mailPaths';
import { StateBadge } from './parts';

/** Delivered so far: everything no longer waiting. */
export function doneCount(c: Campaign['counts']): number {
  return c.total - c.queued - c.sending;
}

function CampaignDate({ c }: { c: Campaign }) {
  const { t, i18n } = useTranslation();
  const at = (iso: string | null) => formatJst(iso, i18n.language);
  if (c.finished_at) return <>{t('mail.campaigns.finishedAt', { at: at(c.finished_at) })}</>;
  if (c.started_at) return <>{t('mail.campaigns.startedAt', { at: at(c.started_at) })}</>;
  if (c.scheduled_at) return <>{t('mail.campaigns.scheduledAt', { at: at(c.scheduled_at) })}</>;
  return <>{t('mail.campaigns.createdAt', { at: at(c.created_at) })}</>;
}

export function CampaignsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const list = useApi('campaigns', (signal) => mailApi.campaigns(signal));
  const items = list.data?.items ?? [];

  return (
    <Stack gap="sm">
      <PageHeader title={t('mail.campaigns.title')} description={t('mail.campaigns.intro')}>
        {can('mail.write') && (
          <Button component={Link} to={mailUrls.editCampaign('new')}>
            {t('mail.campaigns.new')}
          </Button>
        )}
      </PageHeader>
      <ListStatus state={list} count={items.length} emptyText={t('mail.campaigns.empty')} />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table highlightOnHover verticalSpacing="sm" bg="white" data-testid="campaigns-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mail.campaigns.name')}</Table.Th>
                <Table.Th>{t('mail.campaigns.state')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('mail.campaigns.segment')}</Table.Th>
                <Table.Th miw={120}>{t('mail.campaigns.progress')}</Table.Th>
                <Table.Th visibleFrom="md">{t('mail.campaigns.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => {
                const done = doneCount(c.counts);
                return (
                  <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(mailUrls.campaign(c.id))}>
                    <Table.Td>
                      <Anchor component={Link} to={mailUrls.campaign(c.id)} fw={600} c="dark" onClick={(e) => e.stopPropagation()}>
                        {c.name}
                      </Anchor>
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {c.subject}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <StateBadge state={c.state} />
                    </Table.Td>
                    <Table.Td visibleFrom="sm">{c.segment_name || t('mail.campaigns.noSegment')}</Table.Td>
                    <Table.Td>
                      {c.counts.total > 0 ? (
                        <>
                          <Progress value={percent(done, c.counts.total)} size="sm" color={c.state === 'paused' ? 'orange' : 'teal'} />
                          <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'nowrap' }}>
                            {t('mail.campaigns.sentOfTotal', { sent: c.counts.sent, total: c.counts.total })}
                          </Text>
                        </>
                      ) : (
                        <Text size="xs" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td visibleFrom="md" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">
                        <CampaignDate c={c} />
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
