import { Alert, Anchor, Button, Group, NumberInput, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { asApiError } from '../../api/error';
import { useRun } from '../../ui/useRun';
import { usePortalSession } from '../access/session';
import { registerApi, type RegistrationRequest, type RegistrationStatus } from './api';

const empty: RegistrationRequest = { name: '', name_reading: '', employee_number: '', join_year: 0, leave_year: 0, email: '' };

/** Open registration: details → mailed code → admitted, queued or refused. */
export default function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { member, setMember } = usePortalSession();
  const navigate = useNavigate();
  const [req, setReq] = useState<RegistrationRequest>(empty);
  const [step, setStep] = useState<'form' | 'code' | 'blocked' | RegistrationStatus>('form');
  const [code, setCode] = useState('');
  const { busy, error, setError, run } = useRun();
  const field = (k: keyof RegistrationRequest) => error?.fieldText(k, i18n.language);
  const set = <K extends keyof RegistrationRequest>(k: K, v: RegistrationRequest[K]) => setReq((r) => ({ ...r, [k]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await registerApi.submit(req);
      setStep('code');
    });
  };
  const verify = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      try {
        const r = await registerApi.verify(req.email, code);
        if (r.alumnus) setMember(r.alumnus);
        // Admitted: on to the portal's first steps (purpose of use, welcome survey) and the home.
        if (r.status === 'admitted') navigate('/portal/', { replace: true });
        else setStep(r.status);
      } catch (err) {
        // Already a member or already waiting: nothing more to do here.
        if (asApiError(err).status === 409) setStep('blocked');
        throw err;
      }
    });
  };
  const startOver = () => {
    setStep('form');
    setCode('');
    setError(null);
  };

  const done = step === 'admitted' || step === 'pending' || step === 'refused';
  return (
    <Paper withBorder radius="lg" p="lg" maw={520} mx="auto" data-testid="register">
      <Stack>
        <Title order={2}>
          {step === 'form' || step === 'blocked' ? t('register.title') : step === 'code' ? t('register.codeTitle') : t(`register.${step}Title`)}
        </Title>
        {error && (
          <Alert color="red" data-testid="register-error">
            {error.text(i18n.language)}
          </Alert>
        )}
        {step === 'form' && member && (
          <Alert color="teal" data-testid="register-member">
            {t('register.alreadyIn', { name: member.name })}
          </Alert>
        )}
        {step === 'form' && !member && (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text size="sm">{t('register.lead')}</Text>
              <TextInput label={t('register.name')} placeholder={t('register.namePlaceholder')} name="name" autoComplete="name" required
                value={req.name} onChange={(e) => set('name', e.currentTarget.value)} error={field('name')} />
              <TextInput label={t('register.reading')} placeholder={t('register.readingPlaceholder')} name="name_reading" required
                value={req.name_reading} onChange={(e) => set('name_reading', e.currentTarget.value)} error={field('name_reading')} />
              <Text size="sm" c="dimmed">{t('register.idHint')}</Text>
              <TextInput label={t('register.employeeNumber')} name="employee_number" value={req.employee_number}
                onChange={(e) => set('employee_number', e.currentTarget.value)} error={field('employee_number')} />
              <Group grow align="flex-start">
                <NumberInput label={t('register.joinYear')} name="join_year" min={1950} max={2100} allowDecimal={false} hideControls
                  value={req.join_year || ''} onChange={(v) => set('join_year', Number(v) || 0)} error={field('join_year')} />
                <NumberInput label={t('register.leaveYear')} name="leave_year" min={1950} max={2100} allowDecimal={false} hideControls
                  value={req.leave_year || ''} onChange={(v) => set('leave_year', Number(v) || 0)} error={field('leave_year')} />
              </Group>
              <TextInput label={t('register.email')} description={t('register.emailHint')} name="email" type="email" autoComplete="email" required
                value={req.email} onChange={(e) => set('email', e.currentTarget.value)} error={field('email')} />
              <Button type="submit" loading={busy} size="md">
                {t('register.submit')}
              </Button>
              <Anchor component={Link} to="/portal/login" size="sm">
                {t('register.haveAccount')}
              </Anchor>
            </Stack>
          </form>
        )}
        {step === 'code' && (
          <form onSubmit={verify}>
            <Stack>
              <Text size="sm">{t('register.codeLead', { email: req.email })}</Text>
              <TextInput label={t('register.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} size="lg"
                styles={{ input: { letterSpacing: '0.4em', fontVariantNumeric: 'tabular-nums' } }}
                value={code} onChange={(e) => setCode(e.currentTarget.value.replace(/\D/g, ''))} error={field('code' as keyof RegistrationRequest)} />
              <Button type="submit" loading={busy} size="md" disabled={code.length !== 6}>
                {t('register.verify')}
              </Button>
              <Anchor component="button" type="button" size="sm" onClick={startOver}>
                {t('register.startOver')}
              </Anchor>
            </Stack>
          </form>
        )}
        {step === 'blocked' && (
          <Group>
            <Button component={Link} to="/portal/login" variant="light">
              {t('portalAccess.login')}
            </Button>
            <Button component={Link} to="/portal/" variant="subtle">
              {t('register.toHome')}
            </Button>
          </Group>
        )}
        {done && (
          <Stack data-testid={`register-${step}`}>
            <Text>{t(`register.${step}`)}</Text>
            <Button component={Link} to="/portal/" variant="light">
              {t('register.toHome')}
            </Button>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
