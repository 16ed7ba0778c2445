import { Alert, Button, Loader, Paper, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { portalApi } from './api';
import { safeNext } from './next';
import { usePortalSession } from './session';

/** /portal/login/verify?token=…[&next=…]: the one-click link from the login mail, then the page it names. */
export default function VerifyLinkPage() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { setMember } = usePortalSession();
  const [error, setError] = useState<ApiError | null>(null);
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return; // the token is single use
    once.current = true;
    portalApi
      .verify({ token: params.get('token') ?? '' })
      .then((r) => {
        setMember(r.alumnus);
        navigate(safeNext(params.get('next')), { replace: true });
      })
      .catch((err) => setError(asApiError(err)));
  }, [params, navigate, setMember]);

  return (
    <Paper withBorder radius="lg" p="lg" maw={440} mx="auto">
      {error ? (
        <Stack>
          <Alert color="red" title={t('portalAccess.linkFailed')}>
            {error.text(i18n.language)}
          </Alert>
          <Button component={Link} to="/portal/login">
            {t('portalAccess.tryAgain')}
          </Button>
        </Stack>
      ) : (
        <Stack align="center">
          <Loader />
          <Text>{t('portalAccess.verifying')}</Text>
        </Stack>
      )}
    </Paper>
  );
}
