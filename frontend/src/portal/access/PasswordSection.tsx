import { Alert, Button, Group, PasswordInput, Stack, Text } from '@mantine/core';
import { Section } from '../settings/Section';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { registerApi } from '../register/api';

/**
 * The member's optional password: set, change or remove it. Saving closes
 * the member's other sessions. Shown on "my settings".
 */
export function PasswordSection() {
  const { t, i18n } = useTranslation();
  const [isSet, setIsSet] = useState<boolean | undefined>(undefined);
  const [pw, setPw] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  useEffect(() => {
    const ctl = new AbortController();
    registerApi
      .password(ctl.signal)
      .then((r) => setIsSet(r.set))
      .catch((err) => !ctl.signal.aborted && setError(asApiError(err)));
    return () => ctl.abort();
  }, []);
  const run = async (fn: () => Promise<{ set: boolean }>, message: string) => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      setIsSet((await fn()).set);
      setPw('');
      setDone(message);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(() => registerApi.setPassword(pw), t('register.password.saved'));
  };
  return (
    <Section title={t('register.password.title')} lead={t('register.password.lead')} testId="password-section">
      {isSet !== undefined && (
        <Text size="sm" fw={700} data-testid="password-state">
          {isSet ? t('register.password.isSet') : t('register.password.notSet')}
        </Text>
      )}
      {error && <Alert color="red">{error.text(i18n.language)}</Alert>}
      {done && (
        <Alert color="teal" data-testid="password-done">
          {done}
        </Alert>
      )}
      <form onSubmit={save}>
        <Stack>
          <PasswordInput label={t('register.password.new')} description={t('register.password.rule')} name="new-password"
            autoComplete="new-password" value={pw} onChange={(e) => setPw(e.currentTarget.value)}
            error={error?.fieldText('password', i18n.language)} />
          <Group>
            <Button type="submit" loading={busy} disabled={pw === ''}>
              {isSet ? t('register.password.change') : t('register.password.set')}
            </Button>
            {isSet && (
              <Button variant="subtle" color="red" disabled={busy}
                onClick={() => void run(() => registerApi.removePassword(), t('register.password.removed'))}>
                {t('register.password.remove')}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
      <Text size="xs" c="dimmed">
        {t('register.password.forgot')}
      </Text>
    </Section>
  );
}
