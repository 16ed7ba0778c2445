import { Alert, Button, Code, Group, NumberInput, Paper, PasswordInput, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { MailSettings } from '../../api/mailTypes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { notifySuccess, showSaveFailure } from '../../ui/notify';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { useSession } from '../session';

/** /console/mail/settings: sender identity, transport, relay, DKIM, bounces, and a real test send. */
export function MailSettingsPage() {
  const settings = useApi('mail-settings', (signal) => mailApi.settings(signal));
  if (settings.error) return <ErrorAlert error={settings.error} onRetry={settings.reload} />;
  if (!settings.data) return <Loading />;
  return <SettingsForm loaded={settings.data} />;
}

function Card({ title, intro, children, testId }: { title: string; intro?: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title} data-testid={testId}>
      <Title order={3} size="h5">
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mt={4} mb="sm">
          {intro}
        </Text>
      )}
      <Stack gap="sm" mt={intro ? 0 : 'sm'}>
        {children}
      </Stack>
    </Paper>
  );
}

/**
 * What PUT takes: the transport is the relay's address (none = the built-in
 * mailbox), and a base URL still at the listener's default is not saved.
 */
function toSave(s: MailSettings, loaded: MailSettings): MailSettings {
  const keepDefault = loaded.base_url_default && s.base_url === loaded.base_url;
  return {
    ...s,
    base_url: keepDefault ? '' : s.base_url,
    relay: s.transport === 'catcher' ? { ...s.relay, addr: '' } : s.relay,
  };
}

/** The secrets typed this time only: empty means "keep what is stored". */
function withoutSecrets(s: MailSettings): MailSettings {
  return {
    ...s,
    relay: { ...s.relay, password: '' },
    dkim: { ...s.dkim, private_key: '' },
    bounce: { ...s.bounce, password: '' },
  };
}

/** Hints under the field, so fields in one row line up. */
const below: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'description', 'error'];

function SettingsForm({ loaded }: { loaded: MailSettings }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [saved, setSaved] = useState(loaded);
  const [s, setS] = useState(() => withoutSecrets(loaded));
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [testTo, setTestTo] = useState(me?.user.email ?? '');
  const [testing, setTesting] = useState(false);
  const [testResult, setTestResult] = useState<{ ok: boolean; reply: string; error?: ApiError }>();
  const field = (name: string) => failure?.fieldText(name, i18n.language);

  const identity = (c: Partial<MailSettings['identity']>) => setS({ ...s, identity: { ...s.identity, ...c } });
  const relay = (c: Partial<MailSettings['relay']>) => setS({ ...s, relay: { ...s.relay, ...c } });
  const dkim = (c: Partial<MailSettings['dkim']>) => setS({ ...s, dkim: { ...s.dkim, ...c } });
  const bounce = (c: Partial<MailSettings['bounce']>) => setS({ ...s, bounce: { ...s.bounce, ...c } });

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await mailApi.saveSettings(toSave(s, saved));
      setSaved(result);
      setS(withoutSecrets(result));
      setFailure(undefined);
      notifySuccess(t('mail.settings.saved'));
    } catch (err) {
      showSaveFailure(err, setFailure);
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    setTesting(true);
    setTestResult(undefined);
    try {
      const r = await mailApi.testSettings(testTo.trim(), s.transport === 'relay' ? s.relay : undefined);
      setTestResult(r);
    } catch (err) {
      const apiErr = asApiError(err);
      setTestResult({ ok: false, reply: apiErr.text(i18n.language), error: apiErr });
    } finally {
      setTesting(false);
    }
  }

  const secretHint = (set: boolean | undefined) => (set ? t('mail.settings.passwordSet') : t('mail.settings.passwordUnset'));
  const identityIncomplete = saved.identity_complete === false;

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="md" maw={880}>
        <PageHeader title={t('mail.settings.title')}>
          <Button type="submit" loading={busy}>
            {t('mail.settings.save')}
          </Button>
        </PageHeader>
        {failure && <ErrorAlert error={failure} />}

        <Card title={t('mail.settings.identityTitle')} intro={t('mail.settings.identityIntro')} testId="identity">
          {identityIncomplete && (
            <Alert color="orange" variant="light" role="alert">
              {t('mail.settings.identityMissing')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('mail.settings.name')} placeholder={t('mail.settings.nameHint')} withAsterisk value={s.identity.name} error={field('identity.name')} onChange={(e) => identity({ name: e.currentTarget.value })} />
            <TextInput label={t('mail.settings.fromAddress')} placeholder={t('mail.settings.fromAddressHint')} type="email" withAsterisk value={s.identity.from_address} error={field('identity.from_address')} onChange={(e) => identity({ from_address: e.currentTarget.value })} />
          </SimpleGrid>
          <TextInput label={t('mail.settings.postalAddress')} placeholder={t('mail.settings.postalAddressHint')} withAsterisk value={s.identity.postal_address} error={field('identity.postal_address')} onChange={(e) => identity({ postal_address: e.currentTarget.value })} />
          <TextInput label={t('mail.settings.contact')} placeholder={t('mail.settings.contactHint')} withAsterisk value={s.identity.contact} error={field('identity.contact')} onChange={(e) => identity({ contact: e.currentTarget.value })} />
          <TextInput label={t('mail.settings.baseUrl')} description={t('mail.settings.baseUrlHint')} value={s.base_url} error={field('base_url')} onChange={(e) => setS({ ...s, base_url: e.currentTarget.value })} />
        </Card>

        <Card title={t('mail.settings.transportTitle')} intro={t('mail.settings.transportIntro')} testId="transport">
          <Radio.Group value={s.transport} onChange={(v) => setS({ ...s, transport: v as MailSettings['transport'] })}>
            <Stack gap="xs">
              <Radio value="catcher" label={t('mail.settings.catcher')} />
              <Radio value="relay" label={t('mail.settings.relay')} />
            </Stack>
          </Radio.Group>
          {s.transport === 'catcher' && (
            <Text size="sm" c="dimmed">
              {t('mail.settings.catcherNote')}
            </Text>
          )}
          {s.transport === 'relay' && (
            <>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label={t('mail.settings.relayAddr')} placeholder={t('mail.settings.relayAddrHint')} withAsterisk value={s.relay.addr} error={field('relay.addr')} onChange={(e) => relay({ addr: e.currentTarget.value })} />
                <Select
                  label={t('mail.settings.tls')}
                  data={[
                    { value: 'starttls', label: t('mail.settings.tlsStarttls') },
                    { value: 'tls', label: t('mail.settings.tlsTls') },
                    { value: 'none', label: t('mail.settings.tlsNone') },
                  ]}
                  value={s.relay.tls}
                  allowDeselect={false}
                  onChange={(v) => relay({ tls: v as MailSettings['relay']['tls'] })}
                  comboboxProps={{ withinPortal: true }}
                />
                <Select
                  label={t('mail.settings.auth')}
                  data={[
                    { value: 'plain', label: t('mail.settings.authPlain') },
                    { value: 'login', label: t('mail.settings.authLogin') },
                    { value: '', label: t('mail.settings.authNone') },
                  ]}
                  value={s.relay.auth}
                  allowDeselect={false}
                  onChange={(v) => relay({ auth: (v ?? '') as MailSettings['relay']['auth'] })}
                  comboboxProps={{ withinPortal: true }}
                />
                <TextInput label={t('mail.settings.username')} value={s.relay.username} autoComplete="off" error={field('relay.username')} onChange={(e) => relay({ username: e.currentTarget.value })} />
                <PasswordInput
                  label={t('mail.settings.password')}
                  description={secretHint(saved.relay.password_set)}
                  autoComplete="new-password"
                  value={s.relay.password ?? ''}
                  error={field('relay.password')}
                  onChange={(e) => relay({ password: e.currentTarget.value })}
                  data-testid="relay-password"
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <NumberInput label={t('mail.settings.maxPerSecond')} description={t('mail.settings.maxPerSecondHint')} inputWrapperOrder={below} min={0} value={s.relay.max_per_second} onChange={(v) => relay({ max_per_second: Number(v) || 0 })} />
                <NumberInput label={t('mail.settings.maxPerHour')} description={t('mail.settings.maxPerHourHint')} inputWrapperOrder={below} min={0} thousandSeparator value={s.relay.max_per_hour} onChange={(v) => relay({ max_per_hour: Number(v) || 0 })} />
                <NumberInput label={t('mail.settings.concurrency')} description={t('mail.settings.concurrencyHint')} inputWrapperOrder={below} min={0} max={64} value={s.relay.concurrency} onChange={(v) => relay({ concurrency: Number(v) || 0 })} />
              </SimpleGrid>
            </>
          )}
        </Card>

        <Card title={t('mail.settings.testTitle')} intro={t('mail.settings.testIntro')} testId="settings-test">
          <Group gap="sm" align="flex-end">
            <TextInput label={t('mail.settings.testTo')} type="email" value={testTo} onChange={(e) => setTestTo(e.currentTarget.value)} style={{ flex: '1 1 240px' }} />
            <Button variant="light" onClick={() => void test()} loading={testing} data-testid="settings-test-run">
              {t('mail.settings.testRun')}
            </Button>
          </Group>
          {testResult && (
            <Alert color={testResult.ok ? 'teal' : 'red'} variant="light" role="status" title={testResult.ok ? t('mail.settings.testOk') : t('mail.settings.testFailed')} data-testid="settings-test-result">
              {testResult.error ? (
                <>
                  <Text size="sm">{testResult.reply}</Text>
                  {Object.keys(testResult.error.fields)
                    .filter((f) => !testResult.reply.includes(testResult.error!.fieldText(f, i18n.language) ?? ''))
                    .map((f) => (
                    <Text size="sm" key={f}>
                      ・{testResult.error!.fieldText(f, i18n.language)}
                    </Text>
                  ))}
                </>
              ) : (
                <Text size="sm">
                  {t('mail.settings.reply')}: <Code>{testResult.reply}</Code>
                </Text>
              )}
              {testResult.error && (
                <Text size="xs" c="dimmed" mt={4}>
                  <Code>{testResult.error.code}</Code>
                </Text>
              )}
            </Alert>
          )}
        </Card>

        <Card title={t('mail.settings.dkimTitle')} intro={t('mail.settings.dkimIntro')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('mail.settings.dkimDomain')} value={s.dkim.domain} error={field('dkim.domain')} onChange={(e) => dkim({ domain: e.currentTarget.value })} />
            <TextInput label={t('mail.settings.dkimSelector')} value={s.dkim.selector} error={field('dkim.selector')} onChange={(e) => dkim({ selector: e.currentTarget.value })} />
          </SimpleGrid>
          <Textarea
            label={t('mail.settings.dkimKey')}
            description={secretHint(saved.dkim.private_key_set)}
            placeholder="-----BEGIN PRIVATE KEY-----"
            autosize
            minRows={2}
            value={s.dkim.private_key ?? ''}
            error={field('dkim.private_key')}
            onChange={(e) => dkim({ private_key: e.currentTarget.value })}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          />
        </Card>

        <Card title={t('mail.settings.bounceTitle')} intro={t('mail.settings.bounceIntro')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput label={t('mail.settings.imapAddr')} placeholder="imap.example.jp:993" value={s.bounce.imap_addr} error={field('bounce.imap_addr')} onChange={(e) => bounce({ imap_addr: e.currentTarget.value })} />
            <Select
              label={t('mail.settings.imapTls')}
              data={[
                { value: 'tls', label: t('mail.settings.tlsTls') },
                { value: 'starttls', label: t('mail.settings.tlsStarttls') },
                { value: 'none', label: t('mail.settings.tlsNone') },
              ]}
              value={s.bounce.imap_tls || 'tls'}
              allowDeselect={false}
              onChange={(v) => bounce({ imap_tls: v ?? 'tls' })}
              comboboxProps={{ withinPortal: true }}
            />
            <TextInput label={t('mail.settings.username')} value={s.bounce.username} autoComplete="off" onChange={(e) => bounce({ username: e.currentTarget.value })} />
            <PasswordInput
              label={t('mail.settings.password')}
              description={secretHint(saved.bounce.password_set)}
              autoComplete="new-password"
              value={s.bounce.password ?? ''}
              onChange={(e) => bounce({ password: e.currentTarget.value })}
            />
            <TextInput label={t('mail.settings.mailbox')} value={s.bounce.mailbox} onChange={(e) => bounce({ mailbox: e.currentTarget.value })} />
          </SimpleGrid>
        </Card>

        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {t('mail.settings.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
