import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('common.language')}
      value={i18n.language.startsWith('en') ? 'en' : 'ja'}
      onChange={(lng) => void i18n.changeLanguage(lng)}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}
