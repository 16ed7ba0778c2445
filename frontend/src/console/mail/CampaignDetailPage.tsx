import { Alert, Anchor, Button, Grid, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { Campaign } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { CampaignActions } from './CampaignActions';
import { doneCount } from './CampaignsPage';
import { formatJst, percent } from './format';
import { mailUrls } from './mailPaths';
import { CountsView, Figure, StateBadge } from './parts';
import { RecipientLog } from './RecipientLog';

const live = new Set(['running', 'scheduled']);

/** Sender identity missing: what the law asks for, and where to set it. */
export function NoIdentityAlert({ error }: { error?: ApiError }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  return (
    <Alert color="red" variant="light" role="alert" title={t('mail.detail.noIdentity')} data-testid="no-identity">
      <Stack gap={6}>
        {error && (
          <Text size="sm" fw={500} data-testid="no-identity-reason">
            {error.text(i18n.language)}
          </Text>
        )}
        <Text size="sm">{t('mail.detail.noIdentityHint')}</Text>
        {can('mail.settings') && (
          <Anchor component={Link} to={mailUrls.settings} fw={600}>
            {t('mail.detail.toSettings')} →
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}

/** /console/mail/campaigns/:id — state, progress, actions and the recipient log. */
export function CampaignDetailPage() {
  const { id = '' } = useParams();
  const record = useApi(`campaign:${id}`, (signal) => mailApi.campaign(Number(id), signal));
  if (record.error && !record.data) return <ErrorAlert error={record.error} onRetry={record.reload} />;
  if (!record.data) return <Loading />;
  return <CampaignDetail key={id} campaign={record.data} reload={record.reload} />;
}

function CampaignDetail({ campaign: loaded, reload }: { campaign: Campaign; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const [c, setC] = useState(loaded);
  const [failure, setFailure] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => setC(loaded), [loaded]);

  // While it runs: the campaign every 1.5 s, and the log with it.
  const poll = useInterval(() => {
    reload();
    setTick((n) => n + 1);
  }, 1500);
  useEffect(() => {
    if (live.has(c.state)) poll.start();
    else poll.stop();
    return poll.stop;
  }, [c.state]);

  const settings = useApi('mail-settings', (signal) =>
    can('mail.settings') ? mailApi.settings(signal) : Promise.resolve(undefined),
  );
  const segment = useApi(`segment:${c.segment_id}:${c.state}`, (signal) =>
    c.segment_id ? mailApi.segment(c.segment_id, signal) : Promise.resolve(undefined),
  );
  const identityMissing =
    failure?.code === 'mail.no_sender_identity' || (settings.data && settings.data.identity_complete === false);
  const editable = c.state === 'draft' || c.state === 'scheduled';
  const counts = c.counts;
  const done = doneCount(counts);
  const pauseReason = i18n.language.startsWith('en') ? c.pause_reason_en || c.pause_reason : c.pause_reason;

  async function duplicate() {
    try {
      const copy = await mailApi.duplicateCampaign(c.id);
      notifySuccess(t('mail.detail.duplicated'));
      navigate(mailUrls.editCampaign(copy.id));
    } catch (err) {
      notifyError(asApiError(err));
    }
  }

  async function remove() {
    try {
      await mailApi.deleteCampaign(c.id);
      notifySuccess(t('mail.detail.deleted'));
      navigate(mailUrls.campaigns);
    } catch (err) {
      notifyError(asApiError(err));
      setDeleting(false);
    }
  }

  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Stack gap="md">
      <Anchor component={Link} to={mailUrls.campaigns} size="sm">
        ← {t('mail.editor.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap="sm">
            <Title order={2} size="h3" data-testid="campaign-name">
              {c.name}
            </Title>
            <StateBadge state={c.state} />
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {c.scheduled_at && `${t('mail.campaigns.scheduledAt', { at: formatJst(c.scheduled_at, i18n.language) })}　`}
            {c.started_at && `${t('mail.campaigns.startedAt', { at: formatJst(c.started_at, i18n.language) })}　`}
            {c.finished_at && t('mail.campaigns.finishedAt', { at: formatJst(c.finished_at, i18n.language) })}
          </Text>
        </div>
        <Group gap="sm">
          {can('mail.write') && (
            <Button variant="default" onClick={() => void duplicate()}>
              {t('mail.detail.duplicate')}
            </Button>
          )}
          {can('mail.write') && editable && (
            <>
              <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                {t('mail.detail.delete')}
              </Button>
              <Button component={Link} to={mailUrls.editCampaign(c.id)}>
                {t('mail.detail.edit')}
              </Button>
            </>
          )}
        </Group>
      </Group>

      {identityMissing && <NoIdentityAlert error={failure?.code === 'mail.no_sender_identity' ? failure : undefined} />}
      {failure && failure.code !== 'mail.no_sender_identity' && <ErrorAlert error={failure} />}
      {c.state === 'paused' && pauseReason && (
        <Alert color="orange" variant="filled" title={t('mail.detail.pausedAuto')} role="alert" data-testid="pause-reason">
          <Text fw={600}>{pauseReason}</Text>
          <Text size="sm" mt={4}>
            {t('mail.detail.pausedHint')}
          </Text>
        </Alert>
      )}
      {c.state === 'scheduled' && c.scheduled_at && (
        <Alert color="blue" variant="light">
          {t('mail.detail.scheduledNote', { at: formatJst(c.scheduled_at, i18n.language) })}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            {counts.total > 0 && (
              <Paper withBorder p="md" data-testid="progress">
                <Group justify="space-between" mb={6}>
                  <Text fw={700}>{t('mail.detail.progress')}</Text>
                  <Text fw={700} data-testid="progress-text">
                    {t('mail.campaigns.sentOfTotal', { sent: counts.sent, total: counts.total })}
                    {t('mail.detail.percent', { percent: percent(done, counts.total) })}
                  </Text>
                </Group>
                <Progress.Root size="xl">
                  <Progress.Section value={percent(counts.sent, counts.total)} color="teal" />
                  <Progress.Section value={percent(counts.failed + counts.bounced, counts.total)} color="red" />
                  <Progress.Section value={percent(counts.unsubscribed + counts.suppressed, counts.total)} color="yellow" />
                </Progress.Root>
                <SimpleGrid cols={{ base: 3, sm: 6 }} mt="sm" spacing="xs">
                  <Figure label={t('mail.detail.total')} value={n(counts.total)} />
                  <Figure label={t('mail.rstate.queued')} value={n(counts.queued + counts.sending)} testId="count-queued" />
                  <Figure label={t('mail.rstate.sent')} value={n(counts.sent)} color="teal.8" testId="count-sent" />
                  <Figure label={t('mail.rstate.failed')} value={n(counts.failed)} color={counts.failed ? 'red.7' : undefined} />
                  <Figure label={t('mail.rstate.bounced')} value={n(counts.bounced)} color={counts.bounced ? 'orange.7' : undefined} />
                  <Figure label={t('mail.rstate.unsubscribed')} value={n(counts.unsubscribed)} />
                  {counts.cancelled > 0 && <Figure label={t('mail.rstate.cancelled')} value={n(counts.cancelled)} />}
                  {c.click_tracking && <Figure label={t('mail.detail.clicked')} value={n(counts.clicked ?? 0)} />}
                </SimpleGrid>
              </Paper>
            )}
            <CampaignActions
              campaign={c}
              reachable={segment.data?.count?.reachable}
              onChanged={(next) => {
                setFailure(undefined);
                setC(next);
                setTick((x) => x + 1);
              }}
              onError={setFailure}
            />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Stack gap={6}>
              <Text fw={700}>{t('mail.detail.content')}</Text>
              <Text size="sm" c="dimmed">
                {t('mail.detail.subject')}
              </Text>
              <Text size="sm">{c.subject}</Text>
              <Text size="sm" c="dimmed">
                {t('mail.detail.fromName')}
              </Text>
              <Text size="sm">{c.from_name || '—'}</Text>
              <Text size="sm" c="dimmed">
                {t('mail.detail.segment')}
              </Text>
              <Text size="sm">{c.segment_name || t('mail.campaigns.noSegment')}</Text>
              {editable && segment.data?.count && <CountsView counts={segment.data.count} narrow />}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      {/* A draft has no recipients yet: the log appears once it is queued. */}
      {(counts.total > 0 || !editable) && (
        <>
          <Title order={3} size="h5">
            {t('mail.detail.recipients')}
          </Title>
          <RecipientLog campaignId={c.id} tick={tick} />
        </>
      )}

      <ConfirmDialog
        opened={deleting}
        title={t('mail.detail.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(false)}
      >
        <Text>{t('mail.detail.deleteBody', { name: c.name })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
