import { Alert, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { CopyField } from '../../ui/CopyField';
import { ErrorAlert } from '../../ui/ErrorAlert';

/** One section of the settings page. */
export function SettingsCard(props: {
  title: string;
  intro: string;
  action?: ReactNode;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={props.title} data-testid={props.testId}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="sm">
        <div style={{ flex: '1 1 16rem' }}>
          <Title order={3} size="h5">
            {props.title}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {props.intro}
          </Text>
        </div>
        {props.action}
      </Group>
      {props.children}
    </Paper>
  );
}

/**
 * A secret the server returns once (a first password, a token): copy it now.
 * The dialog closes only by its button, so a stray click does not lose it.
 */
export function OnceSecretDialog(props: {
  opened: boolean;
  title: string;
  intro: string;
  secret: string;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={props.opened}
      onClose={props.onClose}
      title={<Text fw={700}>{props.title}</Text>}
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
      size="lg"
      centered
    >
      <Stack>
        <Text size="sm">{props.intro}</Text>
        <CopyField value={props.secret} testId="once-secret" />
        <Alert color="orange" variant="light" role="alert">
          {t('settings.onceWarning')}
        </Alert>
        {props.children}
        <Group justify="flex-end">
          <Button onClick={props.onClose}>{t('settings.onceDone')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * A dialog holding one create form: it runs submit with a busy state, shows
 * the API's error above the fields and hands each field its own reason.
 * submit resets the caller's fields itself when it succeeds.
 */
export function FormDialog(props: {
  opened: boolean;
  title: string;
  submitLabel: string;
  onClose: () => void;
  submit: () => Promise<void>;
  children: (field: (name: string) => string | undefined) => ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.submit();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setError(undefined);
    props.onClose();
  };
  return (
    <Modal
      opened={props.opened}
      onClose={close}
      title={<Text fw={700}>{props.title}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      centered
    >
      <form onSubmit={(e) => void onSubmit(e)}>
        <Stack>
          {error && <ErrorAlert error={error} />}
          {props.children((name) => error?.fieldText(name, i18n.language))}
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy}>
              {props.submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
