import { Alert, Button, Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { usePortalSession } from '../access/session';
import { getSurvey, type SurveyState } from '../profile/api';
import { WelcomeSurvey } from '../profile/WelcomeSurvey';
import { inLanguage, privacyApi, type PrivacyStatus } from './api';
import { PurposeText } from './PurposeText';

type Step = { kind: 'loading' } | { kind: 'purpose'; status: PrivacyStatus } | { kind: 'survey'; survey: SurveyState } | { kind: 'done' };

/**
 * The member's first steps, in front of every portal page: (1) accept the
 * current purpose of use (again, after HR publishes a new version), with the
 * promotional-mail opt-in asked apart and unticked; (2) right after that, the
 * welcome survey if it is pending; then the page. Visitors pass through.
 */
export function FirstSteps({ children }: { children: ReactNode }) {
  const { member } = usePortalSession();
  const memberId = member?.id;
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  useEffect(() => {
    if (!memberId) {
      setStep({ kind: 'done' });
      return;
    }
    const ctl = new AbortController();
    setStep({ kind: 'loading' });
    privacyApi
      .status(ctl.signal)
      .then((s) => setStep(s.needs_acceptance && s.purpose ? { kind: 'purpose', status: s } : { kind: 'done' }))
      // The portal stays usable when the privacy service does not answer.
      .catch(() => !ctl.signal.aborted && setStep({ kind: 'done' }));
    return () => ctl.abort();
  }, [memberId]);

  const afterAccept = async () => {
    const survey = await getSurvey().catch(() => undefined);
    setStep(survey?.pending ? { kind: 'survey', survey } : { kind: 'done' });
  };

  if (member === undefined || step.kind === 'loading') return <Loading />;
  if (step.kind === 'purpose') return <AcceptPurpose status={step.status} onAccepted={() => void afterAccept()} />;
  if (step.kind === 'survey') return <WelcomeSurvey state={step.survey} onDone={() => setStep({ kind: 'done' })} />;
  return <>{children}</>;
}

function AcceptPurpose({ status, onAccepted }: { status: PrivacyStatus; onAccepted: () => void }) {
  const { t, i18n } = useTranslation();
  const [promo, setPromo] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const purpose = status.purpose!;
  const accept = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await privacyApi.accept(purpose.version, promo);
      onAccepted();
    } catch (err) {
      setError(asApiError(err));
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" data-testid="purpose-gate">
      <Stack>
        <Title order={2}>{t('consent.purpose.title')}</Title>
        {status.accepted ? <Alert color="yellow" variant="light">{t('consent.purpose.updated')}</Alert> : <Text c="dimmed">{t('consent.purpose.lead')}</Text>}
        <PurposeText purpose={purpose} />
        {status.has_address && !status.promotional && (
          <Stack gap={4}>
            <Text fw={700} size="sm">
              {t('consent.purpose.promoTitle')}
            </Text>
            <Checkbox
              label={inLanguage(status.promo_text_ja, status.promo_text_en, i18n.language)}
              checked={promo}
              onChange={(e) => setPromo(e.currentTarget.checked)}
            />
            <Text size="xs" c="dimmed">
              {t('consent.purpose.promoNote')}
            </Text>
          </Stack>
        )}
        {error && <ErrorAlert error={error} />}
        <Button onClick={() => void accept()} loading={busy} size="md">
          {t('consent.purpose.accept')}
        </Button>
      </Stack>
    </Paper>
  );
}
