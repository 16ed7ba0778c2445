import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/error';

/** An API error in the selected language, with an optional retry. */
export function ErrorAlert({ error, title, onRetry }: { error: ApiError; title?: string; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <Alert color="red" variant="light" role="alert" title={title}>
      {error.text(i18n.language)}
      {onRetry && (
        <Button variant="subtle" color="red" size="compact-sm" ml="sm" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </Alert>
  );
}
