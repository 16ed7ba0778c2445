import { Badge, Button, Group, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DeletionRequest } from '../../portal/consent/api';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { asApiError } from '../../api/error';
import { alumnusUrl } from '../paths';
import { usePermissions } from '../session';
import { FormDialog, SettingsCard } from '../settings/parts';
import { hrPrivacyApi } from './api';

const stateColor = { requested: 'blue', completed: 'gray', declined: 'orange' } as const;

/** Alumni's deletion requests: open the person, complete (erase) or decline. */
export default function DeletionRequestsTab() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const list = useApi('privacy-deletions', (signal) => hrPrivacyApi.deletions(signal));
  const [completing, setCompleting] = useState<DeletionRequest>();
  const [declining, setDeclining] = useState<DeletionRequest>();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const complete = async () => {
    if (!completing) return;
    setBusy(true);
    try {
      await hrPrivacyApi.complete(completing.id);
      notifySuccess(t('consent.hr.completed'));
      setCompleting(undefined);
      list.reload();
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const items = list.data?.items ?? [];
  return (
    <SettingsCard title={t('consent.hr.deletionsTitle')} intro={t('consent.hr.deletionsIntro')} testId="deletion-requests">
      <Stack>
        {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
        {list.data && items.length === 0 && <Text c="dimmed">{t('consent.hr.none')}</Text>}
        {items.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('consent.hr.person')}</Table.Th>
                  <Table.Th>{t('consent.hr.requestedAt')}</Table.Th>
                  <Table.Th>{t('consent.hr.stateLabel')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-testid={`deletion-${d.id}`}>
                    <Table.Td>
                      {d.alumnus_id ? (
                        <Text component={Link} to={alumnusUrl(d.alumnus_id)} c="indigo.7" fw={600}>
                          {d.name}
                        </Text>
                      ) : (
                        <Text c="dimmed">{d.name || t('consent.hr.deleted')}</Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatDateTime(d.requested_at, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge color={stateColor[d.state]} variant="light">
                        {t(`consent.hr.states.${d.state}`)}
                      </Badge>
                      {d.reason && (
                        <Text size="xs" c="dimmed" mt={4}>
                          {d.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.state === 'requested' && can('alumni.delete') && (
                        <Group gap="xs" justify="flex-end" wrap="nowrap">
                          <Button size="xs" color="red" onClick={() => setCompleting(d)}>
                            {t('consent.hr.complete')}
                          </Button>
                          <Button size="xs" variant="default" onClick={() => { setReason(''); setDeclining(d); }}>
                            {t('consent.hr.decline')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ConfirmDialog
        opened={Boolean(completing)}
        title={t('consent.hr.completeTitle', { name: completing?.name ?? '' })}
        confirmLabel={t('consent.hr.complete')}
        acknowledge={t('consent.hr.completeAck')}
        busy={busy}
        onConfirm={() => void complete()}
        onClose={() => setCompleting(undefined)}
      >
        <Text size="sm">{t('consent.hr.completeBody')}</Text>
      </ConfirmDialog>
      <FormDialog
        opened={Boolean(declining)}
        title={t('consent.hr.declineTitle')}
        submitLabel={t('consent.hr.decline')}
        onClose={() => setDeclining(undefined)}
        submit={async () => {
          await hrPrivacyApi.decline(declining!.id, reason);
          notifySuccess(t('consent.hr.declined'));
          setDeclining(undefined);
          list.reload();
        }}
      >
        {(field) => <Textarea label={t('consent.hr.reason')} autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={field('reason')} />}
      </FormDialog>
    </SettingsCard>
  );
}
