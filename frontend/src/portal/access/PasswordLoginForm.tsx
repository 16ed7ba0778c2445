import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { registerApi } from '../register/api';
import { usePortalSession } from './session';

/** The login page's "log in with a password" form (for members who set one); on success it goes to next. */
export function PasswordLoginForm({ onCode, next }: { onCode: () => void; next: string }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { setMember } = usePortalSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const r = await registerApi.passwordLogin(email, password);
      setMember(r.alumnus);
      navigate(next, { replace: true });
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} data-testid="password-login">
      <Stack>
        {error && (
          <Alert color="red" data-testid="login-error">
            {error.text(i18n.language)}
          </Alert>
        )}
        <TextInput label={t('portalAccess.email')} name="email" type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.currentTarget.value)} error={error?.fieldText('email', i18n.language)} />
        <PasswordInput label={t('register.passwordLogin.password')} name="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={error?.fieldText('password', i18n.language)} />
        <Button type="submit" loading={busy} size="md">
          {t('register.passwordLogin.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onCode}>
          {t('register.passwordLogin.toCode')}
        </Anchor>
      </Stack>
    </form>
  );
}
