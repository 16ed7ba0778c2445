import { Badge, Button, Group, Paper, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { ConsentMethod } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { FormDialog } from '../settings/parts';
import { usePermissions } from '../session';

const methods: ConsentMethod[] = ['paper', 'web', 'import', 'other'];

/** On an alumnus's page: whether they agreed to receive mail, the history, and recording or revoking it. */
export function ConsentPanel({ alumnusId }: { alumnusId: number }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const [generation, setGeneration] = useState(0);
  // Without mail.read the panel is not shown and nothing is asked.
  const consent = useApi(`consent:${alumnusId}:${generation}`, (signal) =>
    can('mail.read') ? mailApi.consent(alumnusId, signal) : Promise.resolve(undefined),
  );
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState(false);
  const [method, setMethod] = useState<ConsentMethod>('paper');
  const [text, setText] = useState(() => t('mail.consent.textDefault'));
  const [grantedAt, setGrantedAt] = useState(new Date().toISOString().slice(0, 10));
  if (!can('mail.read')) return null;
  const items = consent.data?.items ?? [];
  const methodLabel = (m: string) =>
    (methods as string[]).includes(m) ? t(`mail.consent.methods.${m as ConsentMethod}`) : m;
  const day = (iso: string | null | undefined) => formatDate(iso?.slice(0, 10));

  async function record() {
    await mailApi.grantConsent(alumnusId, {
      method,
      text_agreed: text.trim(),
      granted_at: grantedAt ? new Date(`${grantedAt}T00:00:00+09:00`).toISOString() : undefined,
    });
    notifySuccess(t('mail.consent.recorded'));
    setRecording(false);
    setGeneration((g) => g + 1);
  }

  async function revoke() {
    try {
      await mailApi.revokeConsent(alumnusId);
      notifySuccess(t('mail.consent.revoked'));
      setGeneration((g) => g + 1);
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setRevoking(false);
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label={t('mail.consent.title')} data-testid="consent-panel">
      <Group justify="space-between" align="flex-start" mb="xs">
        <Stack gap={4}>
          <Title order={3} size="h5">
            {t('mail.consent.title')}
          </Title>
          {consent.data && (
            <Group gap="xs">
              <Badge color={consent.data.opted_in ? 'teal' : 'gray'} variant="light" tt="none" size="lg" data-testid="consent-state">
                {consent.data.opted_in ? t('mail.consent.optedIn') : t('mail.consent.notOptedIn')}
              </Badge>
              {!consent.data.opted_in && (
                <Text size="sm" c="dimmed">
                  {t('mail.consent.notOptedInHint')}
                </Text>
              )}
            </Group>
          )}
        </Stack>
        {can('mail.send') && consent.data && (
          <Group gap="xs">
            {consent.data.opted_in ? (
              <Button variant="subtle" color="red" onClick={() => setRevoking(true)}>
                {t('mail.consent.revoke')}
              </Button>
            ) : (
              <Button variant="light" onClick={() => setRecording(true)}>
                {t('mail.consent.record')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {consent.error && <ErrorAlert error={consent.error} onRetry={consent.reload} />}
      {consent.data && (
        <>
          <Text size="sm" fw={600} mt="xs">
            {t('mail.consent.history')}
          </Text>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('mail.consent.empty')}
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={0}>
              <Table fz="sm" verticalSpacing={4}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('mail.consent.grantedAt')}</Table.Th>
                    <Table.Th>{t('mail.consent.method')}</Table.Th>
                    <Table.Th visibleFrom="sm">{t('mail.consent.text')}</Table.Th>
                    <Table.Th>{t('mail.consent.revokedAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((c) => (
                    <Table.Tr key={c.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{day(c.granted_at)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{methodLabel(c.method)}</Table.Td>
                      <Table.Td visibleFrom="sm">
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {c.text_agreed}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {c.revoked_at ? `${day(c.revoked_at)}${c.revoked_how ? `（${c.revoked_how}）` : ''}` : '—'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
      <FormDialog
        opened={recording}
        title={t('mail.consent.recordTitle')}
        submitLabel={t('mail.consent.record')}
        onClose={() => setRecording(false)}
        submit={record}
      >
        {(field) => (
          <>
            <Text size="sm" c="dimmed">
              {t('mail.consent.recordIntro')}
            </Text>
            <Select
              label={t('mail.consent.method')}
              data={methods.map((m) => ({ value: m, label: methodLabel(m) }))}
              value={method}
              allowDeselect={false}
              onChange={(v) => v && setMethod(v as ConsentMethod)}
              error={field('method')}
              comboboxProps={{ withinPortal: true }}
            />
            <DateField label={t('mail.consent.grantedAt')} name="granted_at" value={grantedAt} error={field('granted_at')} onChange={setGrantedAt} />
            <Textarea
              label={t('mail.consent.text')}
              withAsterisk
              autosize
              minRows={2}
              value={text}
              error={field('text_agreed')}
              onChange={(e) => setText(e.currentTarget.value)}
            />
          </>
        )}
      </FormDialog>
      <ConfirmDialog
        opened={revoking}
        title={t('mail.consent.revokeTitle')}
        confirmLabel={t('mail.consent.revoke')}
        onConfirm={() => void revoke()}
        onClose={() => setRevoking(false)}
      >
        <Text>{t('mail.consent.revokeBody')}</Text>
      </ConfirmDialog>
    </Paper>
  );
}
