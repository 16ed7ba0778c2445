import { Badge, Button, Center, Drawer, FileButton, Paper, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { local, pluginsApi, type Plugin } from './api';
import { PluginDetails } from './PluginDetails';

const stateColor: Record<Plugin['state'], string> = { enabled: 'teal', disabled: 'gray', failed: 'red' };

/** Installed plugins: install by upload, and each plugin's details. */
export function PluginsPage() {
  const { t, i18n } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const list = useApi(`plugins:${generation}`, (signal) => pluginsApi.list(signal));
  const [openID, setOpenID] = useState<string>();
  const [uploading, setUploading] = useState(false);
  const items = list.data?.items ?? [];
  const open = items.find((p) => p.id === openID);
  const refresh = () => setGeneration((g) => g + 1);
  // While a plugin starts or restarts, look again shortly.
  const settling = items.some((p) => p.state === 'enabled' && !p.running);
  useEffect(() => {
    if (!settling) return;
    const timer = setTimeout(() => setGeneration((g) => g + 1), 1000);
    return () => clearTimeout(timer);
  }, [settling, generation]);

  const install = async (f: File | null) => {
    if (!f) return;
    setUploading(true);
    try {
      const p = await pluginsApi.install(f);
      notifySuccess(t('plugins.installed', { id: p.id, version: p.version }));
      refresh();
      setOpenID(p.id);
    } catch (e) {
      notifyError(asApiError(e));
    } finally {
      setUploading(false);
    }
  };

  return (
    <>
      <PageHeader title={t('plugins.title')} description={t('plugins.description')}>
        <FileButton onChange={install} accept=".tar.gz,.tgz,application/gzip">
          {(props) => (
            <Button {...props} loading={uploading}>
              {t('plugins.install')}
            </Button>
          )}
        </FileButton>
      </PageHeader>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading />}
      {list.data && (
        <Paper withBorder>
          {items.length === 0 ? (
            <Center p="xl">
              <Text c="dimmed">{t('plugins.empty')}</Text>
            </Center>
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table striped verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('plugins.name')}</Table.Th>
                    <Table.Th>{t('plugins.version')}</Table.Th>
                    <Table.Th>{t('plugins.state')}</Table.Th>
                    <Table.Th>{t('plugins.permissions')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((p) => (
                    <Table.Tr key={p.id}>
                      <Table.Td>
                        <Text fw={600}>{local(p.manifest.name, i18n.language)}</Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {p.id}
                        </Text>
                      </Table.Td>
                      <Table.Td>{p.version}</Table.Td>
                      <Table.Td>
                        <Badge color={stateColor[p.state]} variant="light">
                          {t(`plugins.states.${p.state}`)}
                        </Badge>{' '}
                        {p.state === 'enabled' && (
                          <Text span size="xs" c="dimmed">
                            {t(`plugins.process.${p.process}`, { defaultValue: p.process })}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs" ff="monospace">
                          {(p.granted ?? []).join(', ') || '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-sm" variant="light" onClick={() => setOpenID(p.id)}>
                          {t('plugins.details')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
      <Drawer
        opened={open !== undefined}
        onClose={() => setOpenID(undefined)}
        position="right"
        size="xl"
        title={open ? <Text fw={700}>{local(open.manifest.name, i18n.language)}</Text> : null}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open && (
          <PluginDetails
            key={open.id}
            plugin={open}
            onChanged={() => {
              refresh();
              if (!items.some((p) => p.id === open.id)) setOpenID(undefined);
            }}
          />
        )}
      </Drawer>
    </>
  );
}
