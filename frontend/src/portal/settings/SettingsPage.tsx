import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PrivacyProvider } from './privacyContext';
import { settingsSections } from './sections';

/** "My settings": one card per entry of settingsSections. */
export default function SettingsPage() {
  const { t } = useTranslation();
  return (
    <PrivacyProvider>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('consent.settings.title')}
        </Title>
        {settingsSections.map(({ key, section: Section }) => (
          <Section key={key} />
        ))}
      </Stack>
    </PrivacyProvider>
  );
}
