import { Paper, ScrollArea, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { inLanguage, type Purpose } from './api';

/** A version of the purpose of use as plain text (never HTML). */
export function PurposeText({ purpose }: { purpose: Purpose }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" bg="gray.0">
      <Text size="xs" c="dimmed" mb={4}>
        {t('consent.purpose.version', { version: purpose.version, date: formatDateTime(purpose.published_at, i18n.language) })}
      </Text>
      <ScrollArea.Autosize mah={320} type="auto">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="purpose-text">
          {inLanguage(purpose.text_ja, purpose.text_en, i18n.language)}
        </Text>
      </ScrollArea.Autosize>
    </Paper>
  );
}
