import { Button, Group, TextInput } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { asApiError, type ApiError } from '../../api/error';
import { notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { SettingsCard } from '../settings/parts';

interface PortalSettings {
  network_name: string;
}

/** Settings page: the portal's network name. */
export function PortalSettingsSection() {
  const { t, i18n } = useTranslation();
  const current = useApi('portal-settings', (signal) => request<PortalSettings>('/api/portal/info', { signal }));
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (current.data) setName(current.data.network_name);
  }, [current.data]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await request<PortalSettings>('/api/portal/settings', { method: 'PUT', json: { network_name: name } });
      setName(saved.network_name);
      notifySuccess(t('portalAccess.hr.saved'));
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsCard title={t('portalAccess.hr.settingsTitle')} intro={t('portalAccess.hr.settingsIntro')} testId="portal-settings">
      <form onSubmit={save}>
        <Group align="flex-end">
          <TextInput
            style={{ flex: '1 1 18rem' }}
            label={t('portalAccess.hr.networkName')}
            placeholder={t('portalAccess.hr.networkNamePlaceholder')}
            name="network_name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error ? (error.fieldText('network_name', i18n.language) ?? error.text(i18n.language)) : undefined}
          />
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </form>
    </SettingsCard>
  );
}
