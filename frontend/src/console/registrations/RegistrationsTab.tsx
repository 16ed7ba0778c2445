import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { formatDateTime } from '../../ui/format';
import { ListStatus } from '../../ui/ListStatus';
import { notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { queueApi, type Candidate, type Registration } from './api';
import { RosterSearch } from './RosterSearch';

function Field({ label, value }: { label: string; value: string | number }) {
  return (
    <Group gap="xs" wrap="nowrap" align="baseline">
      <Text size="xs" c="dimmed" w={96} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm">{value || '—'}</Text>
    </Group>
  );
}

function CandidateCard({ reg, c, onDone }: { reg: Registration; c: Candidate; onDone: (msg: string) => void }) {
  const { t } = useTranslation();
  const [updateEmail, setUpdateEmail] = useState(c.email.toLowerCase() !== reg.email);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const { i18n } = useTranslation();
  const approve = async () => {
    setBusy(true);
    setError(null);
    try {
      await queueApi.approve(reg.id, c.id, updateEmail);
      onDone(t('register.queue.approved'));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`candidate-${c.id}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={700}>{c.name}</Text>
          {c.member && <Badge size="xs">{t('register.queue.member')}</Badge>}
          {!c.leave_date && <Badge size="xs" color="orange">{t('register.queue.notLeft')}</Badge>}
        </Group>
        <Field label={t('register.reading')} value={c.name_reading} />
        <Field label={t('register.queue.employeeNumber')} value={c.employee_number} />
        <Field label={t('register.email')} value={c.email} />
        <Field label={t('register.queue.years')} value={`${c.join_date || '?'} 〜 ${c.leave_date || ''}`} />
        <Group gap={4} display={c.matches.length ? undefined : 'none'}>
          <Text size="xs" c="dimmed">
            {t('register.queue.matches')}:
          </Text>
          {c.matches.map((m) => (
            <Badge key={m} size="xs" variant="light" color="teal">
              {t(`register.queue.match.${m}` as 'register.queue.match.email')}
            </Badge>
          ))}
        </Group>
        {error && <Alert color="red">{error.text(i18n.language)}</Alert>}
        {c.email.toLowerCase() !== reg.email && (
          <Checkbox size="xs" mt={4} label={t('register.queue.updateEmail')} checked={updateEmail}
            onChange={(e) => setUpdateEmail(e.currentTarget.checked)} />
        )}
        <Button size="xs" mt={4} loading={busy} onClick={() => void approve()}>
          {t('register.queue.approve')}
        </Button>
      </Stack>
    </Paper>
  );
}

function RequestCard({ reg, onDone }: { reg: Registration; onDone: (msg: string) => void }) {
  const { t, i18n } = useTranslation();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reject = async () => {
    setBusy(true);
    setError(null);
    try {
      await queueApi.reject(reg.id, reason);
      onDone(t('register.queue.rejected'));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" data-testid={`registration-${reg.id}`}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={4}>
          <Text size="sm" fw={700} c="dimmed">
            {t('register.queue.request')}
          </Text>
          <Text fw={700} size="lg">
            {reg.name}
          </Text>
          <Field label={t('register.reading')} value={reg.name_reading} />
          <Field label={t('register.queue.employeeNumber')} value={reg.employee_number} />
          <Field label={t('register.email')} value={reg.email} />
          <Field label={t('register.joinYear')} value={reg.join_year || ''} />
          <Field label={t('register.leaveYear')} value={reg.leave_year || ''} />
          <Field label={t('register.queue.received')} value={formatDateTime(reg.created_at, i18n.language)} />
          {error && <Alert color="red">{error.fieldText('reason', i18n.language) ?? error.text(i18n.language)}</Alert>}
          {rejecting ? (
            <Stack gap="xs" mt="xs">
              <Textarea label={t('register.queue.reason')} name="reason" autosize minRows={2} value={reason}
                onChange={(e) => setReason(e.currentTarget.value)} />
              <Group>
                <Button size="xs" color="red" loading={busy} onClick={() => void reject()}>
                  {t('register.queue.confirmReject')}
                </Button>
                <Button size="xs" variant="subtle" onClick={() => setRejecting(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          ) : (
            <Button size="xs" variant="light" color="red" mt="xs" w="fit-content" onClick={() => setRejecting(true)}>
              {t('register.queue.reject')}
            </Button>
          )}
        </Stack>
        <Stack gap="xs">
          <Text size="sm" fw={700} c="dimmed">
            {t('register.queue.candidates')}
          </Text>
          {reg.candidates.length === 0 && <Text size="sm">{t('register.queue.noCandidate')}</Text>}
          {reg.candidates.map((c) => (
            <CandidateCard key={c.id} reg={reg} c={c} onDone={onDone} />
          ))}
          <RosterSearch render={(c) => <CandidateCard key={`s${c.id}`} reg={reg} c={c} onDone={onDone} />} />
        </Stack>
      </SimpleGrid>
    </Paper>
  );
}

/** The members section's approval queue: registrations HR must decide. */
export default function RegistrationsTab() {
  const { t } = useTranslation();
  const state = useApi('registrations', (signal) => queueApi.list(signal));
  const items = state.data?.items ?? [];
  const done = (msg: string) => {
    notifySuccess(msg);
    state.reload();
  };
  return (
    <Stack>
      <div>
        <Title order={3}>{t('register.queue.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('register.queue.intro')}
        </Text>
      </div>
      <ListStatus state={state} count={items.length} emptyText={t('register.queue.empty')} />
      {items.map((r) => (
        <RequestCard key={r.id} reg={r} onDone={done} />
      ))}
    </Stack>
  );
}
