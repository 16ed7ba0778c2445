import { Badge, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { invitationsApi, statusColor } from './api';
import { InviteForm } from './InviteForm';

/** On an alumnus's page: their invitation's state; invite, re-invite, leaflet, revoke. */
export function InvitationPanel({ alumnusId }: { alumnusId: number }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const state = useApi(`invitation:${alumnusId}`, (signal) => invitationsApi.list({ alumnus_id: alumnusId }, signal));
  const [open, setOpen] = useState(false);
  const v = state.data?.items[0];
  if (!state.data) return null;

  async function revoke() {
    try {
      await invitationsApi.revoke(alumnusId);
      notifySuccess(t('invitations.revoked'));
      state.reload();
    } catch (err) {
      notifyError(asApiError(err));
    }
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="invitation-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('invitations.panel.title')}</Title>
          <Badge color={v ? statusColor[v.status] : 'gray'} variant="light" data-testid="invitation-status">
            {t(`invitations.status.${v?.status ?? 'none'}`)}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {v ? `${v.sender_name} · ${formatDateTime(v.sent_at || v.created_at, i18n.language)}` : t('invitations.panel.none')}
        </Text>
        {can('alumni.write') && v?.status !== 'accepted' && (
          <Group>
            <Button onClick={() => setOpen(true)} data-testid="invite-open">
              {v ? t('invitations.panel.reinvite') : t('invitations.panel.invite')}
            </Button>
            {(v?.status === 'sent' || v?.status === 'unsent') && (
              <Button variant="default" color="red" onClick={() => void revoke()}>
                {t('invitations.revoke')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('invitations.form.title')} size="lg">
        <InviteForm alumnusIds={[alumnusId]} onDone={() => { setOpen(false); state.reload(); }} />
      </Modal>
    </Paper>
  );
}
