import { Alert, Badge, Button, Checkbox, Code, Divider, Group, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { local, pluginsApi, type Plugin } from './api';
import { SettingsForm } from './SettingsForm';

/** One plugin: grant and enable, disable, settings, log, its page, remove. */
export function PluginDetails({ plugin, onChanged }: { plugin: Plugin; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const requested = plugin.manifest.permissions ?? [];
  const [grant, setGrant] = useState<string[]>(plugin.state === 'enabled' ? (plugin.granted ?? []) : requested);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const logs = useApi(`plugin-logs:${plugin.id}:${plugin.updated_at}:${plugin.process}`, (signal) =>
    pluginsApi.logs(plugin.id, signal),
  );
  useEffect(() => {
    const timer = setInterval(logs.reload, 5000);
    return () => clearInterval(timer);
  }, [logs.reload]);

  const act = async (fn: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await fn();
      notifySuccess(done);
      onChanged();
    } catch (e) {
      notifyError(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">{local(plugin.manifest.description, i18n.language)}</Text>
      <Group gap="xs">
        <Code>{plugin.id}</Code>
        <Badge variant="light">{plugin.version}</Badge>
        <Badge variant="outline" color={plugin.signed_by ? 'teal' : 'gray'}>
          {t('plugins.signedBy')}: {plugin.signed_by || t('plugins.unsigned')}
        </Badge>
      </Group>
      {plugin.reason && (
        <Alert color="red" variant="light" title={t('plugins.reason')}>
          {plugin.reason}
        </Alert>
      )}
      {plugin.health && (
        <Alert color="yellow" variant="light" title={t('plugins.health')}>
          {plugin.health}
        </Alert>
      )}

      <Title order={4}>{t('plugins.permissions')}</Title>
      {requested.length === 0 ? (
        <Text c="dimmed">{t('plugins.noPermissions')}</Text>
      ) : (
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('plugins.grantTitle')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('plugins.grantHint')}
          </Text>
          <Checkbox.Group value={grant} onChange={setGrant}>
            <Stack gap={4}>
              {requested.map((p) => (
                <Checkbox
                  key={p}
                  value={p}
                  label={`${t(`plugins.perms.${p}`, { defaultValue: p })} (${p})`}
                />
              ))}
            </Stack>
          </Checkbox.Group>
        </Stack>
      )}
      <Group>
        <Button loading={busy} onClick={() => act(() => pluginsApi.enable(plugin.id, grant), t('plugins.enabled'))}>
          {t('plugins.enable')}
        </Button>
        {plugin.state === 'enabled' && (
          <Button variant="default" loading={busy} onClick={() => act(() => pluginsApi.disable(plugin.id), t('plugins.disabled'))}>
            {t('plugins.disable')}
          </Button>
        )}
        {plugin.http && plugin.running && (
          <Button component="a" variant="light" href={`/plugins/${plugin.id}/`} target="_blank" rel="noopener">
            {t('plugins.open')}
          </Button>
        )}
        <Button color="red" variant="subtle" onClick={() => setRemoving(true)}>
          {t('plugins.remove')}
        </Button>
      </Group>

      {plugin.http && plugin.running && (
        <>
          <Title order={4}>{t('plugins.page')}</Title>
          <iframe
            key={plugin.started_at /* a restarted plugin (new settings) shows its new page */}
            title={t('plugins.page')}
            src={`/plugins/${plugin.id}/`}
            sandbox="allow-scripts allow-forms allow-downloads allow-popups allow-popups-to-escape-sandbox"
            style={{ width: '100%', height: 320, border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}
          />
        </>
      )}

      <Divider />
      <Title order={4}>{t('plugins.settings')}</Title>
      <SettingsForm key={plugin.updated_at} plugin={plugin} onSaved={onChanged} />

      <Divider />
      <Title order={4}>{t('plugins.logs')}</Title>
      <ScrollArea h={220} type="auto">
        {(logs.data?.items ?? []).length === 0 ? (
          <Text c="dimmed">{t('plugins.noLogs')}</Text>
        ) : (
          <Code block>
            {(logs.data?.items ?? []).map((l) => `${formatDateTime(l.at, i18n.language)}  ${l.line}`).join('\n')}
          </Code>
        )}
      </ScrollArea>

      <ConfirmDialog
        opened={removing}
        title={t('plugins.removeTitle')}
        confirmLabel={t('plugins.remove')}
        acknowledge={t('plugins.removeAck')}
        busy={busy}
        onClose={() => setRemoving(false)}
        onConfirm={() => {
          setRemoving(false);
          void act(() => pluginsApi.remove(plugin.id), t('plugins.removed'));
        }}
      >
        {t('plugins.removeBody', { name: local(plugin.manifest.name, i18n.language) })}
      </ConfirmDialog>
    </Stack>
  );
}
