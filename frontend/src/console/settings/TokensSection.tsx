import { Badge, Button, Code, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { asApiError } from '../../api/error';
import type { ApiToken, Role } from '../../api/types';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { useSession } from '../session';
import { FormDialog, OnceSecretDialog, SettingsCard } from './parts';
import { grantableRoles } from './roles';

function CreateTokenDialog({ opened, onClose, onCreated }: {
  opened: boolean;
  onClose: () => void;
  onCreated: (token: ApiToken, secret: string) => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('viewer');

  async function submit() {
    const r = await api.createToken({ name: name.trim(), role });
    setName('');
    setRole('viewer');
    onCreated(r.token, r.secret);
  }

  return (
    <FormDialog
      opened={opened}
      title={t('settings.tokensAdd')}
      submitLabel={t('settings.tokenCreate')}
      onClose={onClose}
      submit={submit}
    >
      {(field) => (
        <>
          <TextInput
            label={t('settings.tokenName')}
            name="name"
            description={t('settings.tokenNameHint')}
            required
            withAsterisk
            value={name}
            error={field('name')}
            onChange={(e) => setName(e.currentTarget.value)}
            data-autofocus
          />
          <Select
            label={t('settings.role')}
            name="role"
            description={t('settings.tokenRoleHint')}
            withAsterisk
            allowDeselect={false}
            data={grantableRoles(me?.user.role).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            error={field('role')}
            onChange={(v) => v && setRole(v as Role)}
          />
        </>
      )}
    </FormDialog>
  );
}

/** Where this console is served, for the curl example (the desktop window has no http address). */
function serverOrigin(): string {
  const o = window.location.origin;
  return o.startsWith('http') ? o : 'http://127.0.0.1:8080';
}

function Usage({ secret }: { secret: string }) {
  const { t } = useTranslation();
  const curl = `curl -G "${serverOrigin()}/api/alumni" \\\n  -H "Authorization: Bearer ${secret}" \\\n  --data-urlencode "q=営業"`;
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {t('settings.usageTitle')}
      </Text>
      <Text size="sm">{t('settings.usageHeader')}</Text>
      <Code block>Authorization: Bearer {secret}</Code>
      <Text size="sm">{t('settings.usageCurl')}</Text>
      <Code block data-testid="curl-example">
        {curl}
      </Code>
    </Stack>
  );
}

export function TokensSection() {
  const { t, i18n } = useTranslation();
  const list = useApi('tokens', (signal) => api.tokens(signal));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ token: ApiToken; secret: string }>();
  const [revoking, setRevoking] = useState<ApiToken>();
  const [busy, setBusy] = useState(false);
  const when = (s: string | undefined) => formatDateTime(s, i18n.language) || t('settings.never');

  async function revoke(token: ApiToken) {
    setBusy(true);
    try {
      await api.revokeToken(token.id);
      notifySuccess(t('settings.revokedDone', { name: token.name }));
      list.reload();
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setBusy(false);
      setRevoking(undefined);
    }
  }

  return (
    <SettingsCard
      testId="settings-tokens"
      title={t('settings.tokensTitle')}
      intro={t('settings.tokensIntro')}
      action={<Button onClick={() => setAdding(true)}>{t('settings.tokensAdd')}</Button>}
    >
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.tokenName')}</Table.Th>
                <Table.Th>{t('settings.role')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.createdAt')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.lastUsed')}</Table.Th>
                <Table.Th>{t('settings.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm">
                      {t('settings.tokensEmpty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((tok) => (
                <Table.Tr key={tok.id} data-testid="token-row" c={tok.revoked_at ? 'dimmed' : undefined}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {tok.name}
                    </Text>
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {t('settings.lastUsed')}: {when(tok.last_used_at)}
                    </Text>
                  </Table.Td>
                  <Table.Td fz="sm">{t(`roles.${tok.role}`)}</Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {when(tok.created_at)}
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {when(tok.last_used_at)}
                  </Table.Td>
                  <Table.Td>
                    {tok.revoked_at ? (
                      <>
                        <Badge color="gray" size="sm" style={{ textTransform: 'none' }}>
                          {t('settings.revoked')}
                        </Badge>
                        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(tok.revoked_at, i18n.language)}
                        </Text>
                      </>
                    ) : (
                      <Badge color="teal" variant="light" size="sm" style={{ textTransform: 'none' }}>
                        {t('settings.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {!tok.revoked_at && (
                      <Button size="compact-sm" color="red" variant="subtle" onClick={() => setRevoking(tok)}>
                        {t('settings.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <CreateTokenDialog
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(token, secret) => {
          setAdding(false);
          list.reload();
          setCreated({ token, secret });
        }}
      />
      <OnceSecretDialog
        opened={created !== undefined}
        title={t('settings.secretTitle')}
        intro={t('settings.secretIntro', { name: created?.token.name })}
        secret={created?.secret ?? ''}
        onClose={() => setCreated(undefined)}
      >
        <Usage secret={created?.secret ?? ''} />
      </OnceSecretDialog>
      <ConfirmDialog
        opened={revoking !== undefined}
        title={t('settings.revokeTitle')}
        confirmLabel={t('settings.revokeRun')}
        busy={busy}
        onConfirm={() => revoking && void revoke(revoking)}
        onClose={() => setRevoking(undefined)}
      >
        <Text size="sm">{t('settings.revokeBody', { name: revoking?.name })}</Text>
      </ConfirmDialog>
    </SettingsCard>
  );
}
