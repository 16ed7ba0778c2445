import { Button, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { PurposeText } from '../../portal/consent/PurposeText';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { SettingsCard } from '../settings/parts';
import { hrPrivacyApi } from './api';

/** The purpose of use: edit the Japanese and English text, publish a new version. */
export default function PurposeTab() {
  const { t, i18n } = useTranslation();
  const list = useApi('privacy-purposes', (signal) => hrPrivacyApi.purposes(signal));
  const current = list.data?.items[0];
  const [ja, setJa] = useState('');
  const [en, setEn] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  useEffect(() => {
    if (current) {
      setJa(current.text_ja);
      setEn(current.text_en);
    }
  }, [current]);
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const p = await hrPrivacyApi.publish(ja, en);
      notifySuccess(t('consent.hr.published', { version: p.version }));
      list.reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <SettingsCard title={t('consent.hr.purposeTitle')} intro={t('consent.hr.purposeIntro')} testId="purpose-tab">
      <form onSubmit={(e) => void publish(e)}>
        <Stack>
          {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
          <Text size="sm" fw={700}>
            {current ? t('consent.hr.current', { version: current.version, date: formatDateTime(current.published_at, i18n.language) }) : t('consent.hr.noneYet')}
          </Text>
          <Textarea label={t('consent.hr.textJa')} autosize minRows={6} maxRows={20} value={ja} onChange={(e) => setJa(e.currentTarget.value)}
            error={error?.fieldText('text_ja', i18n.language)} />
          <Textarea label={t('consent.hr.textEn')} autosize minRows={6} maxRows={20} value={en} onChange={(e) => setEn(e.currentTarget.value)}
            error={error?.fieldText('text_en', i18n.language)} />
          {error && <ErrorAlert error={error} />}
          <Button type="submit" loading={busy} style={{ alignSelf: 'flex-start' }}>
            {t('consent.hr.publish')}
          </Button>
          {(list.data?.items.length ?? 0) > 1 && (
            <Stack gap="xs">
              <Text fw={700} size="sm">
                {t('consent.hr.history')}
              </Text>
              {list.data!.items.slice(1).map((p) => (
                <PurposeText key={p.version} purpose={p} />
              ))}
            </Stack>
          )}
        </Stack>
      </form>
    </SettingsCard>
  );
}
