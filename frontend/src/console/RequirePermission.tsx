import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { section, type SectionPath } from './sections';
import { usePermissions } from './session';

/** Shows a section's routes only to users holding one of its permissions. */
export function RequirePermission({ path }: { path: SectionPath }) {
  const { t } = useTranslation();
  const can = usePermissions();
  if (!section(path).anyOf.some(can)) {
    return <Alert color="yellow">{t('errors.forbidden')}</Alert>;
  }
  return <Outlet />;
}
