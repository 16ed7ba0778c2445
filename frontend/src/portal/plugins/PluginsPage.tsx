import { Alert, Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { request } from '../../api/client';
import { PluginFrame } from '../../ui/PluginFrame';
import { useApi } from '../../ui/useApi';
import { portalPluginUrl } from './url';

/** A portal menu entry of an enabled plugin (GET /api/portal/plugins/nav). */
export interface PortalNavItem {
  plugin_id: string;
  area: string;
  label_ja: string;
  label_en: string;
  path: string;
}

/** The plugins' portal pages (surveys, …) as a list of cards. */
function PluginList() {
  const { t, i18n } = useTranslation();
  const nav = useApi('portal-plugin-nav', (signal) =>
    request<{ items: PortalNavItem[] }>('/api/portal/plugins/nav', { signal }),
  );
  const items = nav.data?.items ?? [];
  return (
    <Stack>
      <Title order={2}>{t('portalPlugins.title')}</Title>
      {nav.error && <Alert color="red">{t('portalPlugins.loadFailed')}</Alert>}
      {!nav.loading && !nav.error && items.length === 0 && <Text c="dimmed">{t('portalPlugins.empty')}</Text>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {items.map((n) => (
          <Paper key={n.plugin_id + n.path} withBorder p="md" radius="md">
            <Anchor component={Link} to={portalPluginUrl(n.plugin_id, n.path)} fw={700}>
              {i18n.language.startsWith('en') && n.label_en ? n.label_en : n.label_ja}
            </Anchor>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** /portal/p: the plugins' pages; /portal/p/{id}/… frames one. */
export default function PluginsPage() {
  return (
    <Routes>
      <Route index element={<PluginList />} />
      <Route path=":id/*" element={<PluginFrame height="calc(100vh - 140px)" />} />
    </Routes>
  );
}
