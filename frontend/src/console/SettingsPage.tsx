import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../ui/PageHeader';
import { PortalSettingsSection } from './portalAccess/PortalSettingsSection';
import { usePermissions } from './session';
import { CompaniesSection } from './settings/CompaniesSection';
import { TokensSection } from './settings/TokensSection';
import { UsersSection } from './settings/UsersSection';

/** HR users, API tokens and group companies: each shown to who may use it. */
export function SettingsPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  return (
    <Stack gap="md" maw={1040}>
      <PageHeader
        title={t('settings.title')}
        description={can('users.manage') || can('tokens.manage') ? t('settings.intro') : t('settings.introCompanies')}
      />
      {can('portal.manage') && <PortalSettingsSection />}
      {can('users.manage') && <UsersSection />}
      {can('tokens.manage') && <TokensSection />}
      {(can('companies.manage') || can('alumni.read')) && <CompaniesSection />}
    </Stack>
  );
}
