import { Alert, Anchor, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { request } from '../../api/client';
import { useApi } from '../../ui/useApi';
import { usePortalSession } from '../access/session';
import { portalPluginUrl } from './url';

/** A portal banner of an enabled plugin (GET /api/portal/plugins/banners): plain text. */
export interface PortalBanner {
  plugin_id: string;
  id: string;
  text_ja: string;
  text_en: string;
  path: string;
}

const closedKey = 'kizuna.portal.closedBanners';

function closedBanners(): string[] {
  try {
    const v: unknown = JSON.parse(sessionStorage.getItem(closedKey) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * The plugins' notices for the logged-in alumnus ("a survey is waiting"), at
 * the top of every portal page; each links to the plugin's page. Reloaded on
 * every page change, so a banner goes once its survey is answered; the
 * alumnus can close one for this visit. Text is rendered as text, never HTML.
 */
export function PluginBanners() {
  const { member } = usePortalSession();
  return member ? <Banners /> : null;
}

function Banners() {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  const [closed, setClosed] = useState(closedBanners);
  const res = useApi(`portal-plugin-banners ${pathname}`, (signal) =>
    request<{ banners: PortalBanner[] }>('/api/portal/plugins/banners', { signal }),
  );
  const en = i18n.language.startsWith('en');
  const shown = (res.data?.banners ?? []).filter((b) => {
    const key = `${b.plugin_id}/${b.id}`;
    return !closed.includes(key) && !pathname.startsWith(portalPluginUrl(b.plugin_id, b.path).split('?')[0]);
  });
  if (shown.length === 0) return null;
  const close = (key: string) => {
    const next = [...closed, key];
    sessionStorage.setItem(closedKey, JSON.stringify(next));
    setClosed(next);
  };
  return (
    <Stack gap="xs" mb="md" data-testid="plugin-banners">
      {shown.map((b) => {
        const key = `${b.plugin_id}/${b.id}`;
        return (
          <Alert key={key} color="indigo" variant="light" radius="md" p="sm" data-testid="plugin-banner">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Stack gap={4}>
                <Text size="sm" fw={600}>
                  {en && b.text_en ? b.text_en : b.text_ja}
                </Text>
                <Anchor component={Link} to={portalPluginUrl(b.plugin_id, b.path)} size="sm" fw={700}>
                  {t('pluginBanners.open')}
                </Anchor>
              </Stack>
              <CloseButton aria-label={t('pluginBanners.close')} onClick={() => close(key)} />
            </Group>
          </Alert>
        );
      })}
    </Stack>
  );
}
