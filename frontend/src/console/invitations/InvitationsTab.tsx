import { Badge, Button, Checkbox, Group, Modal, Paper, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { invitationsApi, statusColor, type Leaver } from './api';
import { InviteForm } from './InviteForm';

const statuses = ['', 'unsent', 'sent', 'accepted', 'expired', 'revoked'] as const;

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Leavers in a window of leave dates (possibly in the future), to invite in bulk. */
function LeaversPanel({ onInvited }: { onInvited: () => void }) {
  const { t } = useTranslation();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 30 * 864e5)));
  const [to, setTo] = useState(isoDay(new Date(today.getTime() + 60 * 864e5)));
  const [items, setItems] = useState<Leaver[]>();
  const [error, setError] = useState<ApiError>();
  const [picked, setPicked] = useState<number[]>([]);
  const [open, setOpen] = useState(false);

  async function find() {
    setError(undefined);
    try {
      const r = await invitationsApi.leavers(from, to);
      setItems(r.items);
      setPicked(r.items.map((l) => l.alumnus_id));
    } catch (err) {
      setError(asApiError(err));
    }
  }
  const toggle = (id: number) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('invitations.leavers.title')}</Title>
        <Group align="flex-end" wrap="wrap">
          <TextInput type="date" label={t('invitations.leavers.from')} value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
          <TextInput type="date" label={t('invitations.leavers.to')} value={to} onChange={(e) => setTo(e.currentTarget.value)} />
          <Button variant="default" onClick={() => void find()} data-testid="find-leavers">
            {t('invitations.leavers.find')}
          </Button>
        </Group>
        {error && <ErrorAlert error={error} />}
        {items && items.length === 0 && <Text c="dimmed">{t('invitations.leavers.none')}</Text>}
        {items && items.length > 0 && (
          <>
            <Table.ScrollContainer minWidth={520}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>
                      <Checkbox aria-label={t('invitations.leavers.selectAll')} checked={picked.length === items.length}
                        onChange={(e) => setPicked(e.currentTarget.checked ? items.map((l) => l.alumnus_id) : [])} />
                    </Table.Th>
                    <Table.Th>{t('invitations.col.name')}</Table.Th>
                    <Table.Th>{t('invitations.col.email')}</Table.Th>
                    <Table.Th>{t('invitations.col.leaveDate')}</Table.Th>
                    <Table.Th>{t('invitations.col.status')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((l) => (
                    <Table.Tr key={l.alumnus_id}>
                      <Table.Td>
                        <Checkbox aria-label={l.name} checked={picked.includes(l.alumnus_id)} onChange={() => toggle(l.alumnus_id)} />
                      </Table.Td>
                      <Table.Td>{l.name}</Table.Td>
                      <Table.Td>{l.email || <Badge color="gray" variant="light">{t('invitations.leavers.noEmail')}</Badge>}</Table.Td>
                      <Table.Td>{l.leave_date}</Table.Td>
                      <Table.Td>
                        <Badge color={l.status ? statusColor[l.status] : 'gray'} variant="light">
                          {t(`invitations.status.${l.status || 'none'}`)}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group>
              <Button disabled={picked.length === 0} onClick={() => setOpen(true)} data-testid="invite-leavers">
                {t('invitations.form.title')} ({picked.length})
              </Button>
            </Group>
          </>
        )}
      </Stack>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('invitations.form.title')} size="lg">
        <InviteForm alumnusIds={picked} onDone={() => { setOpen(false); onInvited(); void find(); }} />
      </Modal>
    </Paper>
  );
}

/** The members section's "招待 / Invitations" tab: invitations sent and accepted, and bulk invitations for leavers. */
export default function InvitationsTab() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const [status, setStatus] = useState<string>('');
  const list = useApi(`invitations:${status}`, (signal) => invitationsApi.list({ status }, signal));

  async function revoke(id: number) {
    try {
      await invitationsApi.revoke(id);
      notifySuccess(t('invitations.revoked'));
      list.reload();
    } catch (err) {
      notifyError(asApiError(err));
    }
  }

  return (
    <Stack gap="md" data-testid="invitations-tab">
      <Text size="sm" c="dimmed">
        {t('invitations.intro')}
      </Text>
      {can('alumni.write') && <LeaversPanel onInvited={list.reload} />}
      <Group justify="space-between" wrap="wrap">
        <Title order={4}>{t('invitations.title')}</Title>
        <SegmentedControl size="xs" value={status} onChange={setStatus}
          data={statuses.map((s) => ({ value: s, label: t(`invitations.status.${s || 'all'}`) }))} data-testid="invitation-filter" />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length === 0 && <Text c="dimmed">{t('invitations.empty')}</Text>}
      {list.data && list.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped data-testid="invitation-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('invitations.col.name')}</Table.Th>
                <Table.Th>{t('invitations.col.status')}</Table.Th>
                <Table.Th>{t('invitations.col.sender')}</Table.Th>
                <Table.Th>{t('invitations.col.sentAt')}</Table.Th>
                <Table.Th>{t('invitations.col.expiresAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((v) => (
                <Table.Tr key={v.alumnus_id}>
                  <Table.Td>
                    <Link to={`/console/alumni/${v.alumnus_id}`}>{v.name}</Link>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[v.status]} variant="light">
                      {t(`invitations.status.${v.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{v.sender_name}</Table.Td>
                  <Table.Td>{formatDateTime(v.sent_at, i18n.language)}</Table.Td>
                  <Table.Td>{formatDateTime(v.expires_at, i18n.language)}</Table.Td>
                  <Table.Td>
                    {can('alumni.write') && (v.status === 'sent' || v.status === 'unsent') && (
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => void revoke(v.alumnus_id)}>
                        {t('invitations.revoke')}
                      </Button>
                    )}
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
