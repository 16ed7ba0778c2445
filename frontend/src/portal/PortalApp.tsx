import { Box, Button, Container, Group, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Navigate, Route, Routes, useNavigate } from 'react-router';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Loading } from '../ui/Loading';
import { PortalSessionProvider, usePortalSession } from './access/session';
import { FirstSteps } from './consent/FirstSteps';
import { portalFeatures } from './features';
import { PluginBanners } from './plugins/PluginBanners';
import classes from './portal.module.css';

const LoginPage = lazy(() => import('./access/LoginPage'));
const VerifyLinkPage = lazy(() => import('./access/VerifyLinkPage'));
const InvitePage = lazy(() => import('./invite/InvitePage'));
const HomePage = lazy(() => import('./home/HomePage'));

const visitorFeatures = ['news', 'community', 'events', 'directory'] as const;

/** The network's name as HR set it, else the generic title. */
function useNetworkName(): string {
  const { t } = useTranslation();
  return usePortalSession().networkName || t('portal.title');
}

function Landing() {
  const { t } = useTranslation();
  const { member } = usePortalSession();
  const name = useNetworkName();
  if (member) return <HomePage />;
  return (
    <Stack gap="xl">
      <Box className={classes.hero}>
        <Title order={1} className={classes.title}>
          {name}
        </Title>
        <Text mt="sm" c="indigo.0">
          {t('portalAccess.visitorLead')}
        </Text>
        {member === null && (
          <Stack mt="lg" gap="xs" align="flex-start">
            <Button component={Link} to="/portal/login" size="md" color="white" variant="white" c="indigo.8">
              {t('portalAccess.login')}
            </Button>
            <Text size="sm" c="indigo.0">
              {t('portalAccess.visitorHow')}
            </Text>
          </Stack>
        )}
      </Box>
      <Title order={2} size="h3">
        {t('feedux.visitor.featuresTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" data-testid="visitor-features">
        {visitorFeatures.map((f) => (
          <Paper key={f} withBorder p="md" radius="md">
            <Text fw={700}>{t(`feedux.visitor.${f}`)}</Text>
            <Text size="sm" c="dimmed" mt={4}>
              {t(`feedux.visitor.${f}Body`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function Header() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { member, logout } = usePortalSession();
  const name = useNetworkName();
  const entries = portalFeatures.filter((f) => !f.memberOnly || member);
  const out = async (everywhere: boolean) => {
    await logout(everywhere).catch(() => undefined);
    navigate('/portal/', { replace: true });
  };
  return (
    <Box component="header" mb="lg">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text component={Link} to="/portal/" fw={700} c="indigo.8" className={classes.brand} data-testid="network-name">
          {name}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <LanguageSwitch />
          {member ? (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="light" size="xs" data-testid="member-menu">
                  {t('portalAccess.loggedInAs', { name: member.name })}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component={Link} to="/portal/settings">
                  {t('portalNav.settings')}
                </Menu.Item>
                <Menu.Item onClick={() => void out(false)}>{t('portalAccess.logout')}</Menu.Item>
                <Menu.Item onClick={() => void out(true)}>{t('portalAccess.logoutAll')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : member === null ? (
            <Button component={Link} to="/portal/login" size="xs">
              {t('portalAccess.login')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <nav aria-label={t('portalAccess.menu')} className={classes.nav}>
        <NavLink to="/portal/" end className={classes.navLink}>
          {t('portalNav.home')}
        </NavLink>
        {entries.map((f) => (
          <NavLink key={f.path} to={`/portal/${f.path}`} className={classes.navLink}>
            {t(f.label as 'portalNav.home')}
          </NavLink>
        ))}
      </nav>
    </Box>
  );
}

export default function PortalApp() {
  return (
    <PortalSessionProvider>
      <Box className={classes.page}>
        <Container size="md" py="md">
          <Header />
          <PluginBanners />
          <Suspense fallback={<Loading />}>
            <FirstSteps>
            <Routes>
              <Route index element={<Landing />} />
              <Route path="login" element={<LoginPage />} />
              <Route path="login/verify" element={<VerifyLinkPage />} />
              <Route path="invite/:token" element={<InvitePage />} />
              {portalFeatures.map((f) => (
                <Route key={f.path} path={`${f.path}/*`} element={<f.page />} />
              ))}
              <Route path="*" element={<Navigate to="/portal/" replace />} />
            </Routes>
            </FirstSteps>
          </Suspense>
        </Container>
      </Box>
    </PortalSessionProvider>
  );
}
