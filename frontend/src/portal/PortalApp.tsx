import { Badge, Box, Container, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes } from 'react-router';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { portalFeatures } from './features';
import classes from './portal.module.css';

const features = ['news', 'community', 'events', 'work', 'talk'] as const;

function Landing() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Box className={classes.hero}>
        <Text fw={700} c="indigo.1">
          {t('portal.welcome')}
        </Text>
        <Title order={1} className={classes.title}>
          {t('portal.title')}
        </Title>
        <Text mt="sm" c="indigo.0">
          {t('portal.lead')}
        </Text>
      </Box>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {features.map((f) => (
          <Paper key={f} withBorder p="md" radius="md">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Text fw={700}>{t(`portal.${f}`)}</Text>
              <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
                {t('portal.soon')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {t(`portal.${f}Body`)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Text size="sm" c="dimmed" ta="center">
        {t('portal.footer')}
      </Text>
    </Stack>
  );
}

export default function PortalApp() {
  const { t } = useTranslation();
  return (
    <Box className={classes.page}>
      <Container size="md" py="md">
        <Group justify="space-between" mb="lg">
          <Text fw={700} c="indigo.8">
            {t('common.appName')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Routes>
          <Route index element={<Landing />} />
          {portalFeatures.map((f) => (
            <Route key={f.path} path={`${f.path}/*`} element={<f.page />} />
          ))}
          <Route path="*" element={<Navigate to="/portal/" replace />} />
        </Routes>
      </Container>
    </Box>
  );
}
