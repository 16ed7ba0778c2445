import { Alert, Anchor, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { portalApi } from './api';
import { safeNext } from './next';
import { PasswordLoginForm } from './PasswordLoginForm';
import { useRun } from '../../ui/useRun';
import { usePortalSession } from './session';

/** Login by a 6-digit code mailed to the member's address. */
export default function LoginPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const { setMember } = usePortalSession();
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [withPassword, setWithPassword] = useState(false);
  const { busy, error, setError, run } = useRun();

  const start = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await portalApi.start(email, safeNext(next));
      setSent(true);
    });
  };
  const verify = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await portalApi.verify({ email, code });
      setMember(r.alumnus);
      navigate(safeNext(next), { replace: true });
    });
  };

  return (
    <Paper withBorder radius="lg" p="lg" maw={440} mx="auto">
      <Stack>
        <Title order={2}>{sent ? t('portalAccess.sentTitle') : t('portalAccess.loginTitle')}</Title>
        {error && (
          <Alert color="red" data-testid="login-error">
            {error.text(i18n.language)}
          </Alert>
        )}
        {withPassword ? (
          <PasswordLoginForm onCode={() => setWithPassword(false)} next={safeNext(next)} />
        ) : !sent ? (
          <form onSubmit={start}>
            <Stack>
              <Text size="sm">{t('portalAccess.loginLead')}</Text>
              {next && safeNext(next) !== '/portal/' && (
                <Text size="sm" c="dimmed" data-testid="login-next">
                  {t('pluginBanners.backAfterLogin')}
                </Text>
              )}
              <TextInput
                label={t('portalAccess.email')}
                name="email"
                type="email"
                autoComplete="email"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={error?.fieldText('email', i18n.language)}
              />
              <Button type="submit" loading={busy} size="md">
                {t('portalAccess.sendCode')}
              </Button>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setError(null);
                  setWithPassword(true);
                }}
              >
                {t('register.passwordLogin.toggle')}
              </Anchor>
              <Anchor component={Link} to="/portal/register" size="sm" ta="center">
                {t('register.noAccount')}
              </Anchor>
            </Stack>
          </form>
        ) : (
          <form onSubmit={verify}>
            <Stack>
              <Text size="sm">{t('portalAccess.sent', { email })}</Text>
              <TextInput
                label={t('portalAccess.code')}
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                size="lg"
                styles={{ input: { letterSpacing: '0.4em', fontVariantNumeric: 'tabular-nums' } }}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))}
                error={error?.fieldText('code', i18n.language)}
              />
              <Button type="submit" loading={busy} size="md" disabled={code.length !== 6}>
                {t('portalAccess.verify')}
              </Button>
              <Anchor
                component="button"
                type="button"
                size="sm"
                onClick={() => {
                  setSent(false);
                  setCode('');
                  setError(null);
                }}
              >
                {t('portalAccess.otherEmail')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
