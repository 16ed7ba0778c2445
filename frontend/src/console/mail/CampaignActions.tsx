import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import 'dayjs/locale/ja';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { Campaign } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { notifySuccess } from '../../ui/notify';
import { usePermissions } from '../session';
import { formatJst, isoToJst, jstToIso } from './format';

type Action = 'start' | 'pause' | 'resume' | 'cancel';

const allowed: Record<Action, Campaign['state'][]> = {
  start: ['draft', 'scheduled'],
  pause: ['running', 'scheduled'],
  resume: ['paused'],
  cancel: ['scheduled', 'running', 'paused'],
};

const doneKeys = {
  start: 'mail.detail.doneStart',
  pause: 'mail.detail.donePause',
  resume: 'mail.detail.doneResume',
  cancel: 'mail.detail.doneCancel',
} as const satisfies Record<Action, string>;

interface Props {
  campaign: Campaign;
  reachable: number | undefined;
  onChanged: (c: Campaign) => void;
  onError: (e: ApiError) => void;
}

/** Schedule, start, pause, resume, cancel — each behind its own question. */
export function CampaignActions({ campaign, reachable, onChanged, onError }: Props) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const [asking, setAsking] = useState<Action>();
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState<string | null>(isoToJst(campaign.scheduled_at));
  if (!can('mail.send')) return null;

  async function run(fn: () => Promise<Campaign>, done: string) {
    setBusy(true);
    try {
      onChanged(await fn());
      notifySuccess(done);
    } catch (err) {
      onError(asApiError(err));
    } finally {
      setBusy(false);
      setAsking(undefined);
    }
  }

  const may = (a: Action) => allowed[a].includes(campaign.state);
  const canSchedule = campaign.state === 'draft' || campaign.state === 'scheduled';
  // A finished or cancelled campaign has nothing left to do.
  if (!canSchedule && !(['start', 'pause', 'resume', 'cancel'] as const).some(may)) return null;
  const texts: Record<Action, { title: string; body: string; run: string; ack?: string; color?: string }> = {
    start: {
      title: t('mail.detail.startTitle'),
      body: t('mail.detail.startBody', { segment: campaign.segment_name, count: reachable ?? 0 }),
      run: t('mail.detail.startRun'),
    },
    pause: { title: t('mail.detail.pauseTitle'), body: t('mail.detail.pauseBody'), run: t('mail.detail.pause') },
    resume: { title: t('mail.detail.resumeTitle'), body: t('mail.detail.resumeBody'), run: t('mail.detail.resume') },
    cancel: {
      title: t('mail.detail.cancelTitle'),
      body: t('mail.detail.cancelBody'),
      run: t('mail.detail.cancel'),
      ack: t('mail.detail.cancelAck'),
    },
  };

  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        {canSchedule && (
          <Group gap="sm" align="flex-end">
            <DateTimePicker
              label={t('mail.detail.scheduleAt')}
              value={at}
              onChange={setAt}
              valueFormat="YYYY/MM/DD HH:mm"
              // A sensible hour for a mail to arrive, changed in the time field.
              defaultTimeValue="10:00"
              locale={i18n.language.startsWith('en') ? 'en' : 'ja'}
              monthLabelFormat={i18n.language.startsWith('en') ? 'MMMM YYYY' : 'YYYY年M月'}
              firstDayOfWeek={0}
              timePickerProps={{ 'aria-label': t('mail.detail.scheduleTime') }}
              submitButtonProps={{ 'aria-label': t('mail.detail.scheduleOk') }}
              minDate={isoToJst(new Date().toISOString()) ?? undefined}
              clearable
              w={240}
              popoverProps={{ withinPortal: true }}
              data-testid="schedule-at"
            />
            <Button
              variant="default"
              disabled={!at || busy}
              onClick={() =>
                void run(() => mailApi.schedule(campaign.id, jstToIso(at!)), t('mail.detail.scheduled', { at: formatJst(jstToIso(at!), i18n.language) }))
              }
            >
              {t('mail.detail.scheduleRun')}
            </Button>
            <Text size="xs" c="dimmed" pb={8}>
              {t('mail.detail.jst')}
            </Text>
          </Group>
        )}
        <Group gap="sm">
          {may('start') && (
            <Button color="teal" onClick={() => setAsking('start')} data-testid="start">
              {t('mail.detail.start')}
            </Button>
          )}
          {may('resume') && (
            <Button color="teal" onClick={() => setAsking('resume')}>
              {t('mail.detail.resume')}
            </Button>
          )}
          {may('pause') && campaign.state === 'running' && (
            <Button color="orange" variant="light" onClick={() => setAsking('pause')}>
              {t('mail.detail.pause')}
            </Button>
          )}
          {may('cancel') && (
            <Button color="red" variant="subtle" onClick={() => setAsking('cancel')}>
              {t('mail.detail.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
      {asking && (
        <ConfirmDialog
          opened
          title={texts[asking].title}
          confirmLabel={texts[asking].run}
          acknowledge={texts[asking].ack}
          busy={busy}
          onConfirm={() => void run(() => mailApi.act(campaign.id, asking), t(doneKeys[asking]))}
          onClose={() => setAsking(undefined)}
        >
          <Text>{texts[asking].body}</Text>
        </ConfirmDialog>
      )}
    </Paper>
  );
}
