import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { asApiError } from '../../api/error';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';

interface Membership {
  member: boolean;
  joined_at?: string;
  how?: string;
}

const membership = (id: number, method = 'GET', signal?: AbortSignal) =>
  request<Membership>(`/api/alumni/${id}/portal`, { method, signal });

/** On an alumnus's page: whether they may log in to the portal, and HR's switch for it. */
export function PortalMemberPanel({ alumnusId }: { alumnusId: number }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const state = useApi(`portal-member:${alumnusId}`, (signal) => membership(alumnusId, 'GET', signal));
  const [busy, setBusy] = useState(false);
  const m = state.data;
  if (!m) return null;

  async function change(method: 'POST' | 'DELETE') {
    setBusy(true);
    try {
      await membership(alumnusId, method);
      notifySuccess(method === 'POST' ? t('portalAccess.hr.admitted') : t('portalAccess.hr.revoked'));
      state.reload();
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="md" radius="md" data-testid="portal-member">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('portalAccess.hr.title')}</Title>
          <Badge color={m.member ? 'teal' : 'gray'} variant="light">
            {m.member ? t('portalAccess.hr.member') : t('portalAccess.hr.notMember')}
          </Badge>
        </Group>
        <Text size="sm" c="dimmed">
          {m.member && m.joined_at
            ? t('portalAccess.hr.since', { date: formatDateTime(m.joined_at, i18n.language) })
            : t('portalAccess.hr.explain')}
        </Text>
        {can('alumni.write') && (
          <Group>
            {m.member ? (
              <Button variant="default" color="red" loading={busy} onClick={() => void change('DELETE')}>
                {t('portalAccess.hr.revoke')}
              </Button>
            ) : (
              <Button loading={busy} onClick={() => void change('POST')}>
                {t('portalAccess.hr.admit')}
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
