import { Box, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/client';
import { asApiError, type ApiError } from '../api/error';
import { ErrorAlert } from '../ui/ErrorAlert';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { useSession } from './session';

/** Where to go after logging in: only paths inside the console. */
function nextPath(raw: string | null): string {
  return raw && raw.startsWith('/console/') && !raw.startsWith('//') ? raw : '/console/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const next = nextPath(params.get('next'));

  if (me) return <Navigate to={next} replace />;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.login(email.trim(), password);
      refresh();
      navigate(next, { replace: true });
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  return (
    <Box bg="gray.0" mih="100vh">
      <Group justify="flex-end" p="md">
        <LanguageSwitch />
      </Group>
      <Center px="md" pb="xl">
        <Paper withBorder shadow="sm" radius="lg" p="xl" w="100%" maw={400}>
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={1} size="h2" c="indigo.8">
                  {t('common.appName')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('login.subtitle')}
                </Text>
              </div>
              <Title order={2} size="h4">
                {t('login.title')}
              </Title>
              {error && <ErrorAlert error={error} />}
              <TextInput
                label={t('login.email')}
                type="email"
                name="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
              <PasswordInput
                label={t('login.password')}
                name="password"
                autoComplete="current-password"
                visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} fullWidth>
                {t('login.submit')}
              </Button>
            </Stack>
          </form>
        </Paper>
      </Center>
    </Box>
  );
}
