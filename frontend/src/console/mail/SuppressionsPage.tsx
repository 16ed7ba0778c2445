import { Button, Center, Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { Suppression } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { FormDialog } from '../settings/parts';
import { usePermissions } from '../session';
import { formatJst } from './format';

function reasonLabel(t: ReturnType<typeof useTranslation>['t'], reason: string): string {
  const key = `mail.suppressions.reasons.${reason}` as const;
  // A computed key: looked up untyped (the typed overloads grow too deep for the compiler).
  const label = (t as unknown as (k: string) => string)(key);
  return label === key ? reason : label; // an unknown reason is shown as it is
}

/** /console/mail/suppressions: addresses promotional mail never goes to. */
export function SuppressionsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [generation, setGeneration] = useState(0);
  const list = useApi(`suppressions:${q}:${generation}`, (signal) => mailApi.suppressions(q, signal));
  const [adding, setAdding] = useState(false);
  const [address, setAddress] = useState('');
  const [removing, setRemoving] = useState<Suppression>();
  const items = list.data?.items ?? [];

  async function add() {
    await mailApi.addSuppression(address.trim(), 'manual');
    notifySuccess(t('mail.suppressions.added'));
    setAddress('');
    setAdding(false);
    setGeneration((g) => g + 1);
  }

  async function remove() {
    if (!removing) return;
    try {
      await mailApi.removeSuppression(removing.address);
      notifySuccess(t('mail.suppressions.removed'));
      setGeneration((g) => g + 1);
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setRemoving(undefined);
    }
  }

  return (
    <Stack gap="sm">
      <PageHeader title={t('mail.suppressions.title')} description={t('mail.suppressions.intro')}>
        {can('mail.send') && <Button onClick={() => setAdding(true)}>{t('mail.suppressions.add')}</Button>}
      </PageHeader>
      <Group>
        <TextInput
          type="search"
          placeholder={t('mail.suppressions.search')}
          aria-label={t('mail.suppressions.search')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 280px' }}
        />
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && items.length === 0 ? (
        <Paper withBorder p="xl">
          <Center>
            <Text c="dimmed">{t('mail.suppressions.empty')}</Text>
          </Center>
        </Paper>
      ) : (
        <Table.ScrollContainer minWidth={0}>
          <Table bg="white" verticalSpacing="xs" striped data-testid="suppressions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('mail.suppressions.address')}</Table.Th>
                <Table.Th>{t('mail.suppressions.reason')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('mail.suppressions.detail')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('mail.suppressions.createdAt')}</Table.Th>
                {can('mail.send') && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((s) => (
                <Table.Tr key={s.address}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{s.address}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{reasonLabel(t, s.reason)}</Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {s.detail}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatJst(s.created_at, i18n.language)}
                  </Table.Td>
                  {can('mail.send') && (
                    <Table.Td ta="right">
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(s)}>
                        {t('mail.suppressions.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FormDialog
        opened={adding}
        title={t('mail.suppressions.addTitle')}
        submitLabel={t('mail.suppressions.add')}
        onClose={() => setAdding(false)}
        submit={add}
      >
        {(field) => (
          <TextInput
            label={t('mail.suppressions.address')}
            type="email"
            withAsterisk
            value={address}
            error={field('address')}
            onChange={(e) => setAddress(e.currentTarget.value)}
            data-autofocus
          />
        )}
      </FormDialog>
      <ConfirmDialog
        opened={Boolean(removing)}
        title={t('mail.suppressions.removeTitle')}
        confirmLabel={t('mail.suppressions.remove')}
        onConfirm={() => void remove()}
        onClose={() => setRemoving(undefined)}
      >
        <Text>{t('mail.suppressions.removeBody', { address: removing?.address })}</Text>
      </ConfirmDialog>
    </Stack>
  );
}
