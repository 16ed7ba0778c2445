import { Paper, Text } from '@mantine/core';
import { PageHeader } from '../ui/PageHeader';
import { useTranslation } from 'react-i18next';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Paper withBorder p="lg">
        <Text c="dimmed">{t('settings.soon')}</Text>
      </Paper>
    </>
  );
}
