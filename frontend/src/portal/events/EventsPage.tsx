import { Alert, Anchor, Badge, Button, Group, Image, Paper, SimpleGrid, Stack, Tabs, Text, TextInput, Title, Typography } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { portalEventsApi } from '../../api/eventsClient';
import { eventWhen, type MeetupEvent } from '../../api/eventTypes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListStatus } from '../../ui/ListStatus';
import { Loading } from '../../ui/Loading';
import { useApi } from '../../ui/useApi';

/** The alumni's events: upcoming and past lists, and one event with RSVP. */
export default function EventsPage() {
  return (
    <Routes>
      <Route index element={<EventList />} />
      <Route path=":id" element={<EventDetail />} />
    </Routes>
  );
}

function StateBadge({ ev }: { ev: MeetupEvent }) {
  const { t } = useTranslation();
  if (ev.cancelled) return <Badge color="red">{t('events.cancelled')}</Badge>;
  if (ev.my_state === 'going') return <Badge color="teal">{t('events.going')}</Badge>;
  if (ev.my_state === 'waitlist') return <Badge color="yellow">{t('events.waitlist')}</Badge>;
  return null;
}

function EventCard({ ev }: { ev: MeetupEvent }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" data-testid="event-card">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Anchor component={Link} to={`/portal/events/${ev.id}`} fw={700}>
          {ev.title}
        </Anchor>
        <StateBadge ev={ev} />
      </Group>
      <Text size="sm" mt={4}>
        {eventWhen(ev, i18n.language)}
      </Text>
      <Text size="sm" c="dimmed">
        {ev.mode === 'online' ? t('events.online') : ev.place}
      </Text>
      {ev.photos.length > 0 && (
        <SimpleGrid cols={3} spacing={4} mt="xs">
          {ev.photos.slice(0, 3).map((p) => (
            <Image key={p} src={portalEventsApi.photoUrl(p)} radius="sm" h={70} fit="cover" alt="" />
          ))}
        </SimpleGrid>
      )}
    </Paper>
  );
}

function EventList() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('upcoming');
  const past = tab === 'past';
  const list = useApi(`events-${tab}`, (signal) => portalEventsApi.list(past, signal));
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('events.title')}</Title>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="upcoming">{t('events.upcoming')}</Tabs.Tab>
          <Tabs.Tab value="past">{t('events.past')}</Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <ListStatus state={list} count={items.length} emptyText={t('events.none')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {items.map((ev) => (
          <EventCard key={ev.id} ev={ev} />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function EventDetail() {
  const { t, i18n } = useTranslation();
  const id = Number(useParams().id);
  const state = useApi(`event-${id}`, (signal) => portalEventsApi.get(id, signal));
  const [ev, setEv] = useState<MeetupEvent>();
  const [done, setDone] = useState('');
  const [failure, setFailure] = useState<ApiError>();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const shown = ev ?? state.data;
  if (state.error) return <ErrorAlert error={state.error} onRetry={state.reload} />;
  if (!shown) return <Loading />;
  const over = new Date(shown.starts_at) <= new Date();
  const full = shown.capacity > 0 && shown.going >= shown.capacity;
  const act = async (fn: () => Promise<MeetupEvent>, message: (e: MeetupEvent) => string) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const next = await fn();
      setEv(next);
      setDone(message(next));
    } catch (err) {
      setFailure(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const attending = shown.my_state === 'going' || shown.my_state === 'waitlist';
  return (
    <Stack>
      <Anchor component={Link} to="/portal/events" size="sm">
        ← {t('events.back')}
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Title order={2}>{shown.title}</Title>
        <StateBadge ev={shown} />
      </Group>
      <Paper withBorder p="md" radius="md">
        <Stack gap={4}>
          <Text size="sm">
            <b>{t('events.when')}:</b> {eventWhen(shown, i18n.language)}
          </Text>
          <Text size="sm">
            <b>{t('events.where')}:</b> {shown.mode === 'online' ? t('events.online') : shown.place}
          </Text>
          {shown.online_url && (
            <Text size="sm">
              <b>{t('events.joinUrl')}:</b>{' '}
              <Anchor href={shown.online_url} target="_blank" rel="noreferrer">
                {shown.online_url}
              </Anchor>
            </Text>
          )}
          <Text size="sm">
            <b>{t('events.capacity')}:</b>{' '}
            {shown.capacity > 0 ? t('events.seats', { going: shown.going, capacity: shown.capacity }) : t('events.unlimited')}
          </Text>
        </Stack>
      </Paper>
      {/* description_html is sanitised on the server (goldmark + bluemonday). */}
      <Typography>
        <div dangerouslySetInnerHTML={{ __html: shown.description_html }} />
      </Typography>
      {done && <Alert color="teal">{done}</Alert>}
      {failure && <ErrorAlert error={failure} />}
      {!shown.cancelled && !over && (
        <Group>
          {!attending && (
            <Button loading={busy} onClick={() => act(() => portalEventsApi.rsvp(id), (e) => (e.my_state === 'going' ? t('events.rsvpDone') : t('events.waitlistDone')))}>
              {full ? t('events.rsvpWaitlist') : t('events.rsvp')}
            </Button>
          )}
          {attending && (
            <Button variant="default" loading={busy} onClick={() => act(() => portalEventsApi.withdraw(id), () => t('events.withdrawn'))}>
              {t('events.withdraw')}
            </Button>
          )}
        </Group>
      )}
      {shown.my_state === 'going' && !shown.cancelled && (
        <Group align="flex-end">
          <TextInput label={t('events.checkinCode')} value={code} onChange={(e) => setCode(e.currentTarget.value)} inputMode="numeric" maxLength={6} w={160} />
          <Button variant="light" loading={busy} onClick={() => act(() => portalEventsApi.checkIn(id, code), () => t('events.checkedIn'))}>
            {t('events.checkin')}
          </Button>
        </Group>
      )}
      {shown.photos.length > 0 && (
        <>
          <Title order={4}>{t('events.photos')}</Title>
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs">
            {shown.photos.map((p) => (
              <Image key={p} src={portalEventsApi.photoUrl(p)} radius="sm" alt="" />
            ))}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
