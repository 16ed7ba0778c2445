import { Button, Group, NumberInput, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { invitationsApi, type InviteInput } from './api';

/** Who sends, the personal message and the link's lifetime; then send mail or make leaflets. */
export function InviteForm({ alumnusIds, onDone }: { alumnusIds: number[]; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<'hr' | 'manager'>('hr');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [message, setMessage] = useState('');
  const [days, setDays] = useState<number>(30);
  const [busy, setBusy] = useState<'' | 'send' | 'leaflet'>('');
  const [error, setError] = useState<ApiError>();
  const [skipped, setSkipped] = useState<string[]>([]);
  const en = i18n.language.startsWith('en');

  async function run(what: 'send' | 'leaflet') {
    const input: InviteInput = { alumnus_ids: alumnusIds, sender_kind: kind, sender_name: name, sender_email: email, message, days, send: what === 'send' };
    setBusy(what);
    setError(undefined);
    setSkipped([]);
    try {
      if (what === 'leaflet') {
        const saved = await invitationsApi.leaflets(input);
        if (saved) notifySuccess(saved);
      } else {
        const { results } = await invitationsApi.send(input);
        const sent = results.filter((r) => r.sent).length;
        setSkipped(results.filter((r) => r.code).map((r) => t('invitations.form.skipped', { name: r.name, reason: en ? r.reason_en : r.reason_ja })));
        notifySuccess(t('invitations.form.sent', { sent }));
      }
      onDone();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy('');
    }
  }

  return (
    <Stack gap="sm" data-testid="invite-form">
      <Text size="sm" fw={600}>
        {t('invitations.form.selected', { count: alumnusIds.length })}
      </Text>
      <Stack gap={4}>
        <Text size="sm">{t('invitations.form.senderKind')}</Text>
        <SegmentedControl
          value={kind}
          onChange={(v) => setKind(v as 'hr' | 'manager')}
          data={[
            { value: 'hr', label: t('invitations.form.fromHR') },
            { value: 'manager', label: t('invitations.form.fromManager') },
          ]}
        />
      </Stack>
      {kind === 'manager' && (
        <Group grow align="flex-start">
          <TextInput label={t('invitations.form.senderName')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
          <TextInput label={t('invitations.form.senderEmail')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)}
            error={error?.fields.sender_email} />
        </Group>
      )}
      <Textarea label={t('invitations.form.message')} autosize minRows={3} maxRows={8} value={message}
        onChange={(e) => setMessage(e.currentTarget.value)} error={error?.fields.message} data-testid="invite-message" />
      <NumberInput label={t('invitations.form.days')} min={1} max={90} value={days} onChange={(v) => setDays(Number(v) || 0)}
        error={error?.fields.days} maw={220} />
      {error && <ErrorAlert error={error} />}
      {skipped.map((s) => (
        <Text key={s} size="sm" c="orange.8">
          {s}
        </Text>
      ))}
      <Group>
        <Button loading={busy === 'send'} disabled={busy !== '' || alumnusIds.length === 0} onClick={() => void run('send')} data-testid="invite-send">
          {t('invitations.form.send')}
        </Button>
        <Button variant="default" loading={busy === 'leaflet'} disabled={busy !== '' || alumnusIds.length === 0}
          onClick={() => void run('leaflet')} data-testid="invite-leaflet">
          {t('invitations.form.leaflet')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        {t('invitations.form.leafletNote')}
      </Text>
    </Stack>
  );
}
