import { Button, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Company } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { FormDialog, SettingsCard } from './parts';

const empty = { code: '', name: '', name_reading: '' };

function AddCompanyDialog({ opened, onClose, onAdded }: {
  opened: boolean;
  onClose: () => void;
  onAdded: (c: Company) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(empty);

  async function submit() {
    const c = await api.createCompany({
      code: draft.code.trim(),
      name: draft.name.trim(),
      name_reading: draft.name_reading.trim(),
    });
    setDraft(empty);
    onAdded(c);
  }

  return (
    <FormDialog
      opened={opened}
      title={t('settings.companiesAdd')}
      submitLabel={t('settings.companyCreate')}
      onClose={onClose}
      submit={submit}
    >
      {(field) => {
        const input = (key: keyof typeof empty, label: string, hint?: string, required = false) => (
          <TextInput
            label={label}
            name={key}
            description={hint}
            required={required}
            withAsterisk={required}
            value={draft[key]}
            error={field(key)}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setDraft((d) => ({ ...d, [key]: value }));
            }}
          />
        );
        return (
          <>
            {input('code', t('settings.companyCode'), t('settings.companyCodeHint'), true)}
            {input('name', t('settings.companyName'), undefined, true)}
            {input('name_reading', t('settings.companyReading'), t('settings.companyReadingHint'))}
          </>
        );
      }}
    </FormDialog>
  );
}

export function CompaniesSection() {
  const { t } = useTranslation();
  const can = usePermissions();
  const list = useApi('companies', (signal) => api.companies(signal));
  const [adding, setAdding] = useState(false);

  return (
    <SettingsCard
      testId="settings-companies"
      title={t('settings.companiesTitle')}
      intro={t('settings.companiesIntro')}
      action={
        can('companies.manage') && <Button onClick={() => setAdding(true)}>{t('settings.companiesAdd')}</Button>
      }
    >
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('settings.companyCode')}</Table.Th>
                <Table.Th>{t('settings.companyName')}</Table.Th>
                <Table.Th>{t('settings.companyReading')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={3}>
                    <Text c="dimmed" size="sm">
                      {t('settings.companiesEmpty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((c) => (
                <Table.Tr key={c.id} data-testid="company-row">
                  <Table.Td ff="monospace">{c.code}</Table.Td>
                  <Table.Td fw={500}>{c.name}</Table.Td>
                  <Table.Td c="dimmed">{c.name_reading}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <AddCompanyDialog
        opened={adding}
        onClose={() => setAdding(false)}
        onAdded={(c) => {
          setAdding(false);
          list.reload();
          notifySuccess(t('settings.companyCreated', { name: c.name }));
        }}
      />
    </SettingsCard>
  );
}
