import { Stack, Tabs, Text } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useNavigate, useParams } from 'react-router';
import { Loading } from '../../ui/Loading';
import { PageHeader } from '../../ui/PageHeader';
import { usePermissions } from '../session';
import { memberTabs } from './tabs';

/** The console's members section: one tab per entry of memberTabs the user may open. */
export default function MembersSection() {
  const can = usePermissions();
  const tabs = memberTabs.filter((tab) => tab.anyOf.some((p) => can(p)));
  return (
    <Routes>
      <Route index element={tabs.length ? <Navigate to={tabs[0].path} replace /> : <MembersFrame tabs={tabs} />} />
      <Route path=":tab/*" element={<MembersFrame tabs={tabs} />} />
    </Routes>
  );
}

function MembersFrame({ tabs }: { tabs: typeof memberTabs }) {
  const { t } = useTranslation();
  const { tab } = useParams();
  const navigate = useNavigate();
  const current = tabs.find((x) => x.path === tab);
  return (
    <Stack gap="md" maw={1200}>
      <PageHeader title={t('members.title')} description={t('members.intro')} />
      <Tabs value={current?.path ?? null} onChange={(v) => v && navigate(`../${v}`)}>
        <Tabs.List>
          {tabs.map((x) => (
            <Tabs.Tab key={x.path} value={x.path}>
              {t(x.label as 'memberTabs.settings')}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {current ? (
        <Suspense fallback={<Loading />}>
          <current.page />
        </Suspense>
      ) : (
        <Text c="dimmed">{t('members.noTab')}</Text>
      )}
    </Stack>
  );
}
