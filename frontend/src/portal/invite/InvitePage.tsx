import { Alert, Box, Button, Paper, Stack, Text, Title, Typography } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { useApi } from '../../ui/useApi';
import { usePortalSession } from '../access/session';
import { inviteApi } from './api';

/** /portal/invite/:token — the personal invitation: who invites, to what; one button "参加する". */
export default function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const { setMember } = usePortalSession();
  const view = useApi(`invite:${token}`, (signal) => inviteApi.get(token, signal));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();

  async function join() {
    setBusy(true);
    try {
      const r = await inviteApi.accept(token);
      setMember(r.alumnus);
      navigate('/portal/', { replace: true });
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  }

  const failure = error ?? view.error;
  if (failure) {
    return (
      <Paper withBorder radius="lg" p="lg" maw={480} mx="auto" data-testid="invite-failed">
        <Stack>
          <Alert color="red" title={t('invitations.page.failed')}>
            {failure.text(i18n.language)}
          </Alert>
          <Button component={Link} to="/portal/login" variant="default">
            {t('invitations.page.toLogin')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  const v = view.data;
  if (!v) return <Loading />;
  return (
    <Paper withBorder radius="lg" p="lg" maw={480} mx="auto" data-testid="invite-page">
      <Stack gap="md">
        <Text size="sm" c="indigo.7" fw={700}>
          {t('invitations.page.invited', { sender: v.sender_name, network: v.network_name })}
        </Text>
        <Title order={2}>{t('invitations.page.hello', { name: v.name })}</Title>
        <Text>{t('invitations.page.lead')}</Text>
        {v.message_html && (
          <Box pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-indigo-2)' }}>
            <Typography>
              {/* message_html is sanitized on the server (mail.MarkdownHTML: goldmark + bluemonday). */}
              <div dangerouslySetInnerHTML={{ __html: v.message_html }} />
            </Typography>
          </Box>
        )}
        <Button size="lg" fullWidth loading={busy} onClick={() => void join()} data-testid="invite-join">
          {t('invitations.page.join')}
        </Button>
        <Text size="xs" c="dimmed" ta="center">
          {t('invitations.page.expires', { date: formatDateTime(v.expires_at, i18n.language) })}
        </Text>
      </Stack>
    </Paper>
  );
}
