import { Alert, Anchor, Button, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { portalEventsApi } from '../../api/eventsClient';
import type { NotifyChannel } from '../../api/eventTypes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListStatus } from '../../ui/ListStatus';
import { useApi } from '../../ui/useApi';

const kinds = ['comment', 'mention', 'reaction', 'event_reminder', 'event_update', 'news'] as const;
const channels: NotifyChannel[] = ['portal', 'mail', 'digest', 'off'];

/** The alumnus's notifications and how they want each kind. */
export default function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const [gen, setGen] = useState(0);
  const list = useApi(`notifications-${gen}`, (signal) => portalEventsApi.notifications(signal));
  const prefs = useApi('notify-prefs', (signal) => portalEventsApi.prefs(signal));
  const [saved, setSaved] = useState(false);
  const [failure, setFailure] = useState<ApiError>();
  const items = list.data?.items ?? [];
  const current = prefs.data?.prefs ?? {};
  const setPref = async (kind: string, ch: NotifyChannel) => {
    setSaved(false);
    setFailure(undefined);
    try {
      await portalEventsApi.setPrefs({ [kind]: ch });
      prefs.reload();
      setSaved(true);
    } catch (err) {
      setFailure(asApiError(err));
    }
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('events.notifications.title')}</Title>
        {(list.data?.unread ?? 0) > 0 && (
          <Button variant="light" onClick={() => portalEventsApi.markRead(0).then(() => setGen((g) => g + 1))}>
            {t('events.notifications.readAll')}
          </Button>
        )}
      </Group>
      <ListStatus state={list} count={items.length} emptyText={t('events.notifications.none')} />
      <Stack gap="xs">
        {items.map((n) => (
          <Paper key={n.id} withBorder p="sm" radius="md" bg={n.read ? undefined : 'indigo.0'} data-testid="notification">
            <Text size="sm" fw={n.read ? 400 : 700}>
              {n.link ? (
                <Anchor component={Link} to={n.link} onClick={() => portalEventsApi.markRead(n.id)}>
                  {en && n.title_en ? n.title_en : n.title_ja}
                </Anchor>
              ) : en && n.title_en ? (
                n.title_en
              ) : (
                n.title_ja
              )}
            </Text>
            <Text size="xs" c="dimmed">
              {new Date(n.created_at).toLocaleString(en ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' })}
            </Text>
          </Paper>
        ))}
      </Stack>
      <Title order={3} mt="md">
        {t('events.notifications.prefs')}
      </Title>
      {saved && <Alert color="teal">{t('events.notifications.prefsSaved')}</Alert>}
      {failure && <ErrorAlert error={failure} />}
      {prefs.data && (
        <Table bg="white" withTableBorder>
          <Table.Tbody>
            {kinds.map((k) => (
              <Table.Tr key={k}>
                <Table.Td>{t(`events.notifications.kinds.${k}`)}</Table.Td>
                <Table.Td>
                  <Select
                    aria-label={t(`events.notifications.kinds.${k}`)}
                    data={channels.map((c) => ({ value: c, label: t(`events.notifications.channels.${c}`) }))}
                    value={current[k] ?? 'portal'}
                    onChange={(v) => v && setPref(k, v as NotifyChannel)}
                    allowDeselect={false}
                    w={170}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
