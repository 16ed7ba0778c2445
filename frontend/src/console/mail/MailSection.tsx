import { Alert, Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import type { Permission } from '../../api/types';
import { usePermissions } from '../session';
import { CampaignDetailPage } from './CampaignDetailPage';
import { CampaignEditorPage } from './CampaignEditorPage';
import { CampaignsPage } from './CampaignsPage';
import { InboxPage } from './InboxPage';
import { mailUrls } from './mailPaths';
import { MailSettingsPage } from './MailSettingsPage';
import { SegmentEditorPage } from './SegmentEditorPage';
import { SegmentsPage } from './SegmentsPage';
import { SuppressionsPage } from './SuppressionsPage';

const tabs = [
  { value: 'campaigns', url: mailUrls.campaigns, perm: 'mail.read' },
  { value: 'segments', url: mailUrls.segments, perm: 'mail.read' },
  { value: 'inbox', url: mailUrls.inbox, perm: 'mail.read' },
  { value: 'suppressions', url: mailUrls.suppressions, perm: 'mail.read' },
  { value: 'settings', url: mailUrls.settings, perm: 'mail.settings' },
] as const satisfies readonly { value: string; url: string; perm: Permission }[];

function currentTab(pathname: string): string {
  const found = tabs.slice(1).find((t) => pathname.startsWith(t.url));
  return found?.value ?? 'campaigns';
}

/** A route only for users holding the permission. */
function Gate({ perm, children }: { perm: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const can = usePermissions();
  return can(perm) ? children : <Alert color="yellow">{t('errors.forbidden')}</Alert>;
}

/** /console/mail/*: campaigns, segments, the built-in mailbox, suppressions, settings. */
export function MailSection() {
  const { t } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Stack gap="md">
      <Tabs value={currentTab(pathname)} onChange={(v) => navigate(tabs.find((x) => x.value === v)!.url)}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {tabs
            .filter((x) => can(x.perm))
            .map((x) => (
              <Tabs.Tab key={x.value} value={x.value} style={{ whiteSpace: 'nowrap' }}>
                {t(`mail.tabs.${x.value}`)}
              </Tabs.Tab>
            ))}
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<CampaignsPage />} />
        <Route path="campaigns/new" element={<Gate perm="mail.write"><CampaignEditorPage /></Gate>} />
        <Route path="campaigns/:id" element={<CampaignDetailPage />} />
        <Route path="campaigns/:id/edit" element={<Gate perm="mail.write"><CampaignEditorPage /></Gate>} />
        <Route path="segments" element={<SegmentsPage />} />
        <Route path="segments/:id" element={<SegmentEditorPage />} />
        <Route path="inbox" element={<InboxPage />} />
        <Route path="suppressions" element={<SuppressionsPage />} />
        <Route path="settings" element={<Gate perm="mail.settings"><MailSettingsPage /></Gate>} />
        <Route path="*" element={<CampaignsPage />} />
      </Routes>
    </Stack>
  );
}
