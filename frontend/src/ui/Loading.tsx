import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function Loading() {
  const { t } = useTranslation();
  return (
    <Center h="60vh" aria-busy="true">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}
