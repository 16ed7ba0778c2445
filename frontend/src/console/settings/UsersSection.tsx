import { Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Role, User } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { useSession } from '../session';
import { FormDialog, OnceSecretDialog, SettingsCard } from './parts';
import { grantableRoles } from './roles';
import { RolesTable } from './RolesTable';

function CreateUserDialog({ opened, onClose, onCreated }: {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: User, password: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const { me } = useSession();
  const grantable = grantableRoles(me?.user.role);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('hr_staff');

  async function submit() {
    const r = await api.createUser({ email: email.trim(), display_name: displayName.trim(), role });
    setEmail('');
    setDisplayName('');
    setRole('hr_staff');
    onCreated(r.user, r.password);
  }

  return (
    <FormDialog
      opened={opened}
      title={t('settings.usersAdd')}
      submitLabel={t('settings.userCreate')}
      onClose={onClose}
      submit={submit}
    >
      {(field) => (
        <>
          <TextInput
            label={t('settings.email')}
            name="email"
            type="email"
            required
            withAsterisk
            value={email}
            error={field('email')}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-autofocus
          />
          <TextInput
            label={t('settings.displayName')}
            name="display_name"
            description={t('settings.displayNameHint')}
            value={displayName}
            error={field('display_name')}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
          />
          <Select
            label={t('settings.role')}
            name="role"
            withAsterisk
            allowDeselect={false}
            data={grantable.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            error={field('role')}
            description={me?.user.role === 'owner' ? undefined : t('settings.ownerOnlyNote')}
            onChange={(v) => v && setRole(v as Role)}
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="sm" c="dimmed">
            {t('settings.passwordNote')}
          </Text>
        </>
      )}
    </FormDialog>
  );
}

export function UsersSection() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const list = useApi('users', (signal) => api.users(signal));
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ user: User; password: string }>();

  return (
    <SettingsCard
      testId="settings-users"
      title={t('settings.usersTitle')}
      intro={t('settings.usersIntro')}
      action={<Button onClick={() => setAdding(true)}>{t('settings.usersAdd')}</Button>}
    >
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <Table.ScrollContainer minWidth={0}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('settings.email')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.displayName')}</Table.Th>
                <Table.Th>{t('settings.role')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('settings.createdAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={4}>
                    <Text c="dimmed" size="sm">
                      {t('settings.usersEmpty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {list.data.items.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row">
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" style={{ wordBreak: 'break-all' }}>
                        {u.email}
                      </Text>
                      {u.id === me?.user.id && (
                        <Badge size="xs" variant="outline">
                          {t('settings.you')}
                        </Badge>
                      )}
                      {u.disabled && (
                        <Badge size="xs" color="gray">
                          {t('settings.disabled')}
                        </Badge>
                      )}
                    </Group>
                    {/* Phones: the name under the address instead of its own column. */}
                    {u.display_name && (
                      <Text size="xs" c="dimmed" hiddenFrom="sm">
                        {u.display_name}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="sm">{u.display_name || t('settings.never')}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm" style={{ textTransform: 'none' }}>
                      {t(`roles.${u.role}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(u.created_at, i18n.language) || t('settings.never')}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <RolesTable />

      <CreateUserDialog
        opened={adding}
        onClose={() => setAdding(false)}
        onCreated={(user, password) => {
          setAdding(false);
          list.reload();
          if (password) setCreated({ user, password });
          else notifySuccess(t('settings.userCreated', { email: user.email }));
        }}
      />
      <OnceSecretDialog
        opened={created !== undefined}
        title={t('settings.passwordTitle')}
        intro={t('settings.passwordIntro', { email: created?.user.email })}
        secret={created?.password ?? ''}
        onClose={() => setCreated(undefined)}
      />
    </SettingsCard>
  );
}
