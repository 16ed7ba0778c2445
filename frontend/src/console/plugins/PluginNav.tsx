import { NavLink } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { request } from '../../api/client';
import { PluginFrame as Frame } from '../../ui/PluginFrame';
import { useApi } from '../../ui/useApi';

interface NavItem {
  plugin_id: string;
  area: string;
  label_ja: string;
  label_en: string;
  path: string;
}

/** The console address that shows a plugin page inside the console. */
export function pluginPageUrl(id: string, path: string): string {
  return `/console/p/${encodeURIComponent(id)}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Menu entries of enabled plugins, under the console's own sections. */
export function PluginNavLinks({ onNavigate }: { onNavigate: () => void }) {
  const { i18n } = useTranslation();
  const { pathname } = useLocation();
  const nav = useApi('plugin-nav', (signal) => request<{ items: NavItem[] }>('/api/plugins/nav', { signal }));
  return (nav.data?.items ?? []).map((n) => {
    const to = pluginPageUrl(n.plugin_id, n.path);
    return (
      <NavLink
        key={to}
        component={Link}
        to={to}
        label={i18n.language.startsWith('en') && n.label_en ? n.label_en : n.label_ja}
        active={pathname === to}
        onClick={onNavigate}
        style={{ borderRadius: 'var(--mantine-radius-md)' }}
      />
    );
  });
}

/** A plugin's page (served by the host at /plugins/{id}/…) inside the console. */
export function PluginFrame() {
  return <Frame height="calc(100vh - 110px)" />;
}
