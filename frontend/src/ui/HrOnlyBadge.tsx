import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function LockIcon() {
  return (
    <svg width="10" height="10" viewBox="0 0 16 16" aria-hidden="true" fill="currentColor">
      <path d="M8 1a4 4 0 0 0-4 4v2H3a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h10a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-1V5a4 4 0 0 0-4-4Zm-2 6V5a2 2 0 1 1 4 0v2H6Z" />
    </svg>
  );
}

/** Marks data only HR may see (exit reasons, rehire eligibility, notes). */
export function HrOnlyBadge() {
  const { t } = useTranslation();
  return (
    <Badge color="orange" variant="light" size="sm" leftSection={<LockIcon />} tt="none">
      {t('common.hrOnly')}
    </Badge>
  );
}
