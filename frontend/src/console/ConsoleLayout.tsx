import { AppShell, Badge, Burger, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import type { Me } from '../api/types';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Loading } from '../ui/Loading';
import classes from './layout.module.css';
import { sectionUrl } from './paths';
import { PluginNavLinks } from './plugins/PluginNav';
import { sections } from './sections';
import { usePermissions, useSession } from './session';

function useAllowedSections() {
  const can = usePermissions();
  return sections.filter((s) => s.anyOf.some(can));
}

/** /console/ opens the first section the user may see. */
export function FirstSection() {
  const first = useAllowedSections()[0];
  return first ? <Navigate to={sectionUrl(first.path)} replace /> : null;
}

/** Who is logged in, and with which role. */
function CurrentUser({ me, align }: { me: Me; align: 'flex-start' | 'flex-end' }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} align={align} px={align === 'flex-start' ? 'sm' : 0}>
      <Text size="sm" fw={500} data-testid="current-user">
        {me.user.display_name || me.user.email}
      </Text>
      <Badge size="xs" variant="light">
        {t(`roles.${me.user.role}`)}
      </Badge>
    </Stack>
  );
}

export function ConsoleLayout() {
  const { t } = useTranslation();
  const { me, error, refresh, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const allowed = useAllowedSections();
  const { pathname } = useLocation();

  if (error) return <ErrorAlert error={error} onRetry={refresh} />;
  if (!me) return <Loading />;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={1} size="h4" c="indigo.8" style={{ whiteSpace: 'nowrap' }}>
              {t('common.appName')}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Group gap="sm" wrap="nowrap" visibleFrom="sm">
              <CurrentUser me={me} align="flex-end" />
              {!me.desktop && (
                <Button variant="default" size="xs" onClick={() => void signOut()}>
                  {t('nav.logout')}
                </Button>
              )}
            </Group>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs">
        <AppShell.Section grow>
          {allowed.map((s) => (
            <NavLink
              key={s.path}
              component={Link}
              to={sectionUrl(s.path)}
              label={t(s.label)}
              active={pathname.startsWith(sectionUrl(s.path))}
              fw={500}
              onClick={close}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
          <PluginNavLinks onNavigate={close} />
        </AppShell.Section>
        {/* On phones the header has no room: who is logged in sits under the menu. */}
        <AppShell.Section hiddenFrom="sm">
          <CurrentUser me={me} align="flex-start" />
          {!me.desktop && (
            <Button variant="default" fullWidth mt="xs" onClick={() => void signOut()}>
              {t('nav.logout')}
            </Button>
          )}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
