import { Alert, Button, Collapse, Loader, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { notifySuccess } from '../../ui/notify';
import { usePortalSession } from '../access/session';
import { inLanguage, privacyApi } from '../consent/api';
import { PurposeText } from '../consent/PurposeText';
import { usePrivacy } from './privacyContext';
import { Section } from './Section';

/** Promotional-mail opt-in and opt-out (the mailer's consent ledger). */
export function MailSection() {
  const { t, i18n } = useTranslation();
  const { data, reload } = usePrivacy();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const change = async (on: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      await privacyApi.setPromotional(on);
      notifySuccess(t('consent.settings.saved'));
      reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('consent.settings.mailTitle')} testId="settings-mail">
      {!data ? (
        <Loader size="sm" />
      ) : data.has_address ? (
        <Switch
          label={t('consent.settings.mailOn')}
          description={inLanguage(data.promo_text_ja, data.promo_text_en, i18n.language)}
          checked={data.promotional}
          disabled={busy}
          onChange={(e) => void change(e.currentTarget.checked)}
        />
      ) : (
        <Text size="sm">{t('consent.settings.noAddress')}</Text>
      )}
      {error && <ErrorAlert error={error} />}
    </Section>
  );
}

/** The version of the purpose of use the member accepted, and when. */
export function PurposeSection() {
  const { t, i18n } = useTranslation();
  const { data } = usePrivacy();
  const [open, setOpen] = useState(false);
  return (
    <Section title={t('consent.settings.purposeTitle')} testId="settings-purpose">
      <Text size="sm">
        {data?.accepted
          ? t('consent.settings.acceptedAt', { version: data.accepted.version, date: formatDateTime(data.accepted.accepted_at, i18n.language) })
          : t('consent.settings.notAccepted')}
      </Text>
      {data?.purpose && (
        <>
          <Button variant="subtle" size="compact-sm" onClick={() => setOpen((o) => !o)} style={{ alignSelf: 'flex-start' }}>
            {t('consent.settings.showPurpose')}
          </Button>
          <Collapse expanded={open}>
            <PurposeText purpose={data.purpose} />
          </Collapse>
        </>
      )}
    </Section>
  );
}

/** Downloads everything Kizuna holds about the member as JSON. */
export function DownloadSection() {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const download = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const data = await privacyApi.exportData();
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'kizuna-my-data.json';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('consent.settings.downloadTitle')} lead={t('consent.settings.downloadLead')} testId="settings-download">
      <Button variant="light" onClick={() => void download()} loading={busy} style={{ alignSelf: 'flex-start' }}>
        {t('consent.settings.download')}
      </Button>
      {error && <ErrorAlert error={error} />}
    </Section>
  );
}

/** Asks for deletion (after a confirm step) and shows the request's state. */
export function DeletionSection() {
  const { t, i18n } = useTranslation();
  const { data, reload } = usePrivacy();
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const d = data?.deletion;
  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await privacyApi.requestDeletion();
      setConfirm(false);
      reload();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('consent.settings.deleteTitle')} lead={t('consent.settings.deleteLead')} testId="settings-deletion">
      {d && (
        <Alert color={d.state === 'declined' ? 'orange' : 'blue'} variant="light" data-testid="deletion-state">
          {t(`consent.settings.state.${d.state}`, { date: formatDateTime(d.requested_at, i18n.language), reason: d.reason ?? '' })}
        </Alert>
      )}
      {d?.state !== 'requested' && (
        <Button color="red" variant="light" onClick={() => setConfirm(true)} style={{ alignSelf: 'flex-start' }}>
          {t('consent.settings.deleteButton')}
        </Button>
      )}
      {error && !confirm && <ErrorAlert error={error} />}
      <ConfirmDialog
        opened={confirm}
        title={t('consent.settings.deleteConfirmTitle')}
        confirmLabel={t('consent.settings.deleteConfirm')}
        acknowledge={t('consent.settings.deleteAck')}
        busy={busy}
        onConfirm={() => void send()}
        onClose={() => setConfirm(false)}
      >
        <Text size="sm">{t('consent.settings.deleteConfirmBody')}</Text>
        {error && <ErrorAlert error={error} />}
      </ConfirmDialog>
    </Section>
  );
}

/** Ends every portal session of the member. */
export function LogoutAllSection() {
  const { t } = useTranslation();
  const { logout } = usePortalSession();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const out = async () => {
    setBusy(true);
    await logout(true).catch(() => undefined);
    navigate('/portal/', { replace: true });
  };
  return (
    <Section title={t('consent.settings.sessionsTitle')} lead={t('consent.settings.sessionsLead')} testId="settings-sessions">
      <Button variant="default" onClick={() => void out()} loading={busy} style={{ alignSelf: 'flex-start' }}>
        {t('consent.settings.logoutAll')}
      </Button>
    </Section>
  );
}
