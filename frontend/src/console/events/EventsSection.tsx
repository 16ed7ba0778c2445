import { Anchor, Badge, Button, Checkbox, FileButton, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { eventsApi } from '../../api/eventsClient';
import { eventWhen, type MeetupEvent, type MeetupInput } from '../../api/eventTypes';
import { mailApi } from '../../api/mailClient';
import { DownloadButton } from '../../ui/DownloadButton';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ListStatus } from '../../ui/ListStatus';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';

/** The console's events: list, create/edit, attendees with check-in. */
export default function EventsSection() {
  return (
    <Routes>
      <Route index element={<EventsList />} />
      <Route path=":id" element={<EventAdmin />} />
    </Routes>
  );
}

/** An RFC 3339 time as a datetime-local value in Japan time. */
function toLocal(iso: string): string {
  return iso ? new Date(iso).toLocaleString('sv-SE', { timeZone: 'Asia/Tokyo' }).replace(' ', 'T').slice(0, 16) : '';
}

/** A datetime-local value read as Japan time. */
function fromLocal(v: string): string {
  return v ? `${v}:00+09:00` : '';
}

const blank: MeetupInput = { title: '', description: '', mode: 'onsite', place: '', online_url: '', starts_at: '', ends_at: '', capacity: 0, segment_id: null };

function EventForm({ initial, id, onDone }: { initial: MeetupInput; id?: number; onDone: (e: MeetupEvent) => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const [v, setV] = useState({ ...initial, starts_at: toLocal(initial.starts_at), ends_at: toLocal(initial.ends_at) });
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const segs = useApi('event-segments', (signal) => (can('mail.read') ? mailApi.segments(signal) : Promise.resolve({ items: [] })));
  const f = failure?.fields ?? {};
  const set = <K extends keyof MeetupInput>(k: K, val: MeetupInput[K]) => setV((p) => ({ ...p, [k]: val }));
  const submit = async () => {
    setBusy(true);
    setFailure(undefined);
    const body = { ...v, starts_at: fromLocal(v.starts_at), ends_at: fromLocal(v.ends_at) };
    try {
      const saved = id ? await eventsApi.update(id, body) : await eventsApi.create(body);
      notifySuccess(t('events.console.saved'));
      onDone(saved);
    } catch (err) {
      const e = asApiError(err);
      setFailure(e);
      if (Object.keys(e.fields).length === 0) notifyError(e);
    } finally {
      setBusy(false);
    }
  };
  const fe = (k: string) => f[k];
  return (
    <Stack gap="sm">
      <TextInput label={t('events.console.fieldTitle')} value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={fe('title')} required />
      <SegmentedControl value={v.mode} onChange={(m) => set('mode', m as MeetupInput['mode'])} data={[{ value: 'onsite', label: t('events.onsite') }, { value: 'online', label: t('events.online') }]} />
      {v.mode === 'onsite' ? (
        <TextInput label={t('events.console.fieldPlace')} value={v.place} onChange={(e) => set('place', e.currentTarget.value)} error={fe('place')} />
      ) : (
        <TextInput label={t('events.console.fieldUrl')} value={v.online_url} onChange={(e) => set('online_url', e.currentTarget.value)} error={fe('online_url')} />
      )}
      <Group grow>
        <TextInput type="datetime-local" label={t('events.console.fieldStart')} value={v.starts_at} onChange={(e) => set('starts_at', e.currentTarget.value)} error={fe('starts_at')} />
        <TextInput type="datetime-local" label={t('events.console.fieldEnd')} value={v.ends_at} onChange={(e) => set('ends_at', e.currentTarget.value)} error={fe('ends_at')} />
      </Group>
      <Group grow>
        <NumberInput label={t('events.console.fieldCapacity')} min={0} value={v.capacity} onChange={(n) => set('capacity', Number(n) || 0)} error={fe('capacity')} />
        <Select
          label={t('events.console.fieldSegment')}
          data={[{ value: '', label: t('events.console.everyone') }, ...(segs.data?.items ?? []).map((s) => ({ value: String(s.id), label: s.name }))]}
          value={v.segment_id ? String(v.segment_id) : ''}
          onChange={(s) => set('segment_id', s ? Number(s) : null)}
          allowDeselect={false}
        />
      </Group>
      <Textarea label={t('events.console.fieldDescription')} autosize minRows={4} value={v.description} onChange={(e) => set('description', e.currentTarget.value)} error={fe('description')} />
      <Group justify="flex-end">
        <Button onClick={submit} loading={busy}>
          {t('events.console.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function EventsList() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const list = useApi('console-events', (signal) => eventsApi.list(signal));
  const [creating, setCreating] = useState(false);
  const items = list.data?.items ?? [];
  return (
    <Stack gap="sm">
      <PageHeader title={t('events.console.title')}>
        {can('events.manage') && <Button onClick={() => setCreating(true)}>{t('events.console.create')}</Button>}
      </PageHeader>
      <ListStatus state={list} count={items.length} emptyText={t('events.none')} />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table bg="white" highlightOnHover verticalSpacing="sm" data-testid="events-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.console.fieldTitle')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('events.when')}</Table.Th>
                <Table.Th ta="right">{t('events.console.attendees')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((ev) => (
                <Table.Tr key={ev.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/console/events/${ev.id}`}>
                      {ev.title}
                    </Anchor>{' '}
                    {ev.cancelled && <Badge color="red">{t('events.cancelled')}</Badge>}
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {eventWhen(ev, i18n.language)}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{eventWhen(ev, i18n.language)}</Table.Td>
                  <Table.Td ta="right">
                    {ev.capacity > 0 ? t('events.seats', { going: ev.going, capacity: ev.capacity }) : t('events.goingCount', { count: ev.going })}
                    {ev.waitlisted > 0 && (
                      <Text size="xs" c="dimmed">
                        {t('events.waitlistCount', { count: ev.waitlisted })}
                      </Text>
                    )}
                    {ev.checked_in > 0 && (
                      <Text size="xs" c="teal">
                        {t('events.checkedInCount', { count: ev.checked_in })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('events.console.create')} size="lg">
        <EventForm
          initial={blank}
          onDone={() => {
            setCreating(false);
            list.reload();
          }}
        />
      </Modal>
    </Stack>
  );
}

function EventAdmin() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const id = Number(useParams().id);
  const ev = useApi(`console-event-${id}`, (signal) => eventsApi.get(id, signal));
  const [gen, setGen] = useState(0);
  const people = useApi(`console-attendees-${id}-${gen}`, (signal) => eventsApi.attendees(id, signal));
  const [editing, setEditing] = useState(false);
  if (ev.error) return <ErrorAlert error={ev.error} onRetry={ev.reload} />;
  if (!ev.data) return <Loading />;
  const e = ev.data;
  const manage = can('events.manage');
  const run = (fn: () => Promise<unknown>, ok?: (r: unknown) => string) =>
    fn().then(
      (r) => {
        if (ok) notifySuccess(ok(r));
        ev.reload();
        setGen((g) => g + 1);
      },
      (err) => notifyError(asApiError(err)),
    );
  const items = people.data?.items ?? [];
  return (
    <Stack gap="sm">
      <PageHeader title={e.title} description={eventWhen(e, i18n.language)}>
        {manage && !e.cancelled && (
          <Group gap="xs">
            <Button variant="default" onClick={() => setEditing(true)}>
              {t('events.console.edit')}
            </Button>
            <Button variant="default" onClick={() => run(() => eventsApi.remind(id), (r) => t('events.console.reminded', { count: (r as { reminded: number }).reminded }))}>
              {t('events.console.remind')}
            </Button>
            <FileButton accept="image/png,image/jpeg" onChange={(f) => f && run(() => eventsApi.uploadPhoto(id, f), () => t('events.console.saved'))}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t('events.console.uploadPhoto')}
                </Button>
              )}
            </FileButton>
            <Button color="red" variant="light" onClick={() => window.confirm(t('events.console.cancelConfirm')) && run(() => eventsApi.cancel(id))}>
              {t('events.console.cancelEvent')}
            </Button>
          </Group>
        )}
      </PageHeader>
      <Paper withBorder p="md">
        <Group gap="lg">
          <Text size="sm">{e.mode === 'online' ? `${t('events.online')}: ${e.online_url}` : `${t('events.onsite')}: ${e.place}`}</Text>
          <Text size="sm">{e.capacity > 0 ? t('events.seats', { going: e.going, capacity: e.capacity }) : t('events.goingCount', { count: e.going })}</Text>
          <Text size="sm">{t('events.waitlistCount', { count: e.waitlisted })}</Text>
          <Text size="sm">{t('events.checkedInCount', { count: e.checked_in })}</Text>
          {e.checkin_code && (
            <Badge variant="light" size="lg" data-testid="checkin-code">
              {t('events.console.code', { code: e.checkin_code })}
            </Badge>
          )}
        </Group>
      </Paper>
      <Group justify="space-between">
        <Text fw={700}>{t('events.console.attendees')}</Text>
        <DownloadButton download={{ method: 'GET', path: eventsApi.exportUrl(id), name: `event-${id}-attendees.csv` }} variant="light" size="xs">
          {t('events.console.exportCsv')}
        </DownloadButton>
      </Group>
      <ListStatus state={people} count={items.length} emptyText={t('events.console.noAttendees')} />
      {items.length > 0 && (
        <Table.ScrollContainer minWidth={0}>
          <Table bg="white" verticalSpacing="xs" data-testid="attendees-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('events.console.present')}</Table.Th>
                <Table.Th>{t('events.console.name')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('events.console.email')}</Table.Th>
                <Table.Th>{t('events.console.state')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.alumnus_id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`${t('events.console.present')}: ${a.name}`}
                      checked={a.checked_in !== null}
                      disabled={!manage || a.state !== 'going'}
                      onChange={(ev2) => run(() => eventsApi.checkIn(id, a.alumnus_id, ev2.currentTarget.checked))}
                    />
                  </Table.Td>
                  <Table.Td>
                    {a.name}
                    <Text size="xs" c="dimmed">
                      {a.name_reading}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{a.email}</Table.Td>
                  <Table.Td>{a.state === 'going' ? t('events.going') : a.state === 'waitlist' ? t('events.waitlist') : t('events.withdrawn')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('events.console.edit')} size="lg">
        <EventForm
          id={id}
          initial={{ ...e, online_url: e.online_url ?? '' }}
          onDone={() => {
            setEditing(false);
            ev.reload();
          }}
        />
      </Modal>
    </Stack>
  );
}
