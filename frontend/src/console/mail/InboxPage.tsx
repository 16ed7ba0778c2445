import { Alert, Anchor, Button, Center, Code, Grid, Group, Loader, Pagination, Paper, ScrollArea, Stack, Table, Tabs, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { asApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { CaughtMessage } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { notifyError, notifySuccess } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { formatJst } from './format';
import { MailFrame } from './parts';

const pageSize = 50;
const mono = { fontFamily: 'var(--mantine-font-family-monospace)', whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

/** /console/mail/inbox: every message the built-in mailbox caught. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const wide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('m')) || 0;
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [page, setPage] = useState(1);
  const [generation, setGeneration] = useState(0);
  const [clearing, setClearing] = useState(false);
  const list = useApi(`caught:${q}:${page}:${generation}`, (signal) => mailApi.caught(q, (page - 1) * pageSize, pageSize, signal));
  const total = list.data?.total ?? 0;
  const settings = useApi('mail-settings', (signal) =>
    can('mail.settings') ? mailApi.settings(signal) : Promise.resolve(undefined),
  );
  const select = (id: number) => setParams(id ? { m: String(id) } : {}, { replace: false });

  async function clear() {
    try {
      await mailApi.clearCaught();
      notifySuccess(t('mail.inbox.cleared'));
      select(0);
      setGeneration((g) => g + 1);
    } catch (err) {
      notifyError(asApiError(err));
    } finally {
      setClearing(false);
    }
  }

  const listPane = (
    <Stack gap="xs">
      <Group gap="sm">
        <TextInput
          type="search"
          placeholder={t('mail.inbox.search')}
          aria-label={t('mail.inbox.search')}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setPage(1);
          }}
          style={{ flex: 1 }}
        />
        <Text size="sm" c="dimmed">
          {t('mail.inbox.total', { count: total })}
        </Text>
      </Group>
      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && total === 0 && (
        <Paper withBorder p="lg">
          <Center>
            <Text c="dimmed" size="sm">
              {t('mail.inbox.empty')}
            </Text>
          </Center>
        </Paper>
      )}
      <Paper withBorder data-testid="inbox-list" style={wide ? { maxHeight: 'calc(100dvh - 260px)', overflowY: 'auto' } : undefined}>
        {(list.data?.items ?? []).map((m) => (
          <UnstyledButton
            key={m.id}
            onClick={() => select(m.id)}
            p="sm"
            w="100%"
            data-testid="inbox-item"
            style={{
              display: 'block',
              borderBottom: '1px solid var(--mantine-color-gray-2)',
              background: m.id === selected ? 'var(--mantine-color-indigo-0)' : undefined,
            }}
          >
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text size="xs" c="dimmed" truncate>
                {m.to.join(', ')}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {formatJst(m.received_at, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" fw={600} lineClamp={1}>
              {m.subject}
            </Text>
          </UnstyledButton>
        ))}
      </Paper>
      {total > pageSize && (
        <Center>
          <Pagination total={Math.ceil(total / pageSize)} value={page} onChange={setPage} size="sm" siblings={0} />
        </Center>
      )}
    </Stack>
  );

  return (
    <Stack gap="sm">
      <PageHeader title={t('mail.inbox.title')} description={t('mail.inbox.intro')}>
        {can('mail.send') && (
          <Button variant="subtle" color="red" onClick={() => setClearing(true)} disabled={total === 0}>
            {t('mail.inbox.clear')}
          </Button>
        )}
      </PageHeader>
      {settings.data?.transport === 'relay' && (
        <Alert color="blue" variant="light">
          {t('mail.inbox.relayNote')}
        </Alert>
      )}
      {wide ? (
        <Grid gap="md">
          <Grid.Col span={4}>{listPane}</Grid.Col>
          <Grid.Col span={8}>
            {selected ? (
              <MessageView id={selected} />
            ) : (
              <Paper withBorder p="xl">
                <Center>
                  <Text c="dimmed">{t('mail.inbox.pick')}</Text>
                </Center>
              </Paper>
            )}
          </Grid.Col>
        </Grid>
      ) : selected ? (
        <Stack gap="xs">
          <Anchor component="button" type="button" size="sm" onClick={() => select(0)} ta="left">
            ← {t('mail.inbox.back')}
          </Anchor>
          <MessageView id={selected} />
        </Stack>
      ) : (
        listPane
      )}
      <ConfirmDialog
        opened={clearing}
        title={t('mail.inbox.clearTitle')}
        confirmLabel={t('mail.inbox.clear')}
        onConfirm={() => void clear()}
        onClose={() => setClearing(false)}
      >
        <Text>{t('mail.inbox.clearBody')}</Text>
      </ConfirmDialog>
    </Stack>
  );
}

function MessageView({ id }: { id: number }) {
  const msg = useApi(`caught-msg:${id}`, (signal) => mailApi.caughtMessage(id, signal));
  if (msg.error) return <ErrorAlert error={msg.error} onRetry={msg.reload} />;
  if (!msg.data || msg.data.id !== id) return <Loader size="sm" />;
  return <Message m={msg.data} />;
}

function Message({ m }: { m: CaughtMessage }) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<string | null>(m.html ? 'html' : 'text');
  const raw = useApi(`caught-raw:${m.id}:${tab === 'raw'}`, (signal) =>
    tab === 'raw' ? mailApi.caughtRaw(m.id, signal) : Promise.resolve(''),
  );
  const row = (label: string, value: string) => (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={72} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: 'break-all' }}>
        {value}
      </Text>
    </Group>
  );
  const attachments = m.attachments ?? [];
  return (
    <Paper withBorder p="md" data-testid="inbox-message">
      <Stack gap="sm">
        <Text fw={700} size="lg" data-testid="inbox-subject">
          {m.subject}
        </Text>
        <Stack gap={2}>
          {row(t('mail.inbox.from'), m.header_from || m.from)}
          {row(t('mail.inbox.to'), (m.header_to?.length ? m.header_to : m.to).join(', '))}
          {row(t('mail.inbox.receivedAt'), formatJst(m.received_at, i18n.language))}
        </Stack>
        {attachments.length > 0 && (
          <div>
            <Text size="sm" fw={600}>
              {t('mail.inbox.attachments')}
            </Text>
            {attachments.map((a) => (
              <Text key={a.filename} size="sm">
                ・{a.filename} <Text span c="dimmed" size="xs">（{a.content_type}, {formatNumber(a.size, i18n.language)} B）</Text>
              </Text>
            ))}
          </div>
        )}
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="html">{t('mail.inbox.tabHtml')}</Tabs.Tab>
            <Tabs.Tab value="text">{t('mail.inbox.tabText')}</Tabs.Tab>
            <Tabs.Tab value="headers">{t('mail.inbox.tabHeaders')}</Tabs.Tab>
            <Tabs.Tab value="raw">{t('mail.inbox.tabRaw')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="html" pt="sm">
            {m.html ? <MailFrame html={m.html} title={m.subject} height={560} /> : <Text c="dimmed">{t('mail.inbox.noHtml')}</Text>}
          </Tabs.Panel>
          <Tabs.Panel value="text" pt="sm">
            <Text component="pre" size="sm" style={mono}>
              {m.text}
            </Text>
          </Tabs.Panel>
          <Tabs.Panel value="headers" pt="sm">
            <Table.ScrollContainer minWidth={0}>
              <Table fz="xs" verticalSpacing={2} data-testid="inbox-headers">
                <Table.Tbody>
                  {m.headers.map(([k, v], i) => (
                    <Table.Tr key={i}>
                      <Table.Td fw={600} style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>
                        {k}
                      </Table.Td>
                      <Table.Td style={mono}>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
          <Tabs.Panel value="raw" pt="sm">
            <ScrollArea h={560}>
              {raw.loading ? <Loader size="sm" /> : <Code block style={mono}>{raw.data}</Code>}
            </ScrollArea>
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </Paper>
  );
}
