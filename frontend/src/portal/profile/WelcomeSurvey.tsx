import { Button, Checkbox, Group, NumberInput, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { answerSurvey, type Answers, type SurveyState } from './api';

/** The welcome survey shown until the member answers or skips it. */
export function WelcomeSurvey({ state, onDone }: { state: SurveyState; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [a, setA] = useState<Answers>({ interests: [], open_to: [] });
  const [error, setError] = useState('');
  const label = (o: { ja: string; en: string }) => (i18n.language.startsWith('en') ? o.en : o.ja);
  const send = async (answers: Answers) => {
    try {
      await answerSurvey(answers);
      onDone();
    } catch (err) {
      setError(asApiError(err).text(i18n.language));
    }
  };
  return (
    <Paper withBorder p="lg" radius="md" data-testid="welcome-survey">
      <Stack>
        <Title order={2}>{t('profiles.survey.title')}</Title>
        <Text c="dimmed">{t('profiles.survey.lead')}</Text>
        <NumberInput label={t('profiles.survey.joinYear')} min={1950} max={2100} value={a.join_year ?? ''}
          onChange={(v) => setA({ ...a, join_year: typeof v === 'number' ? v : undefined })} />
        <TextInput label={t('profiles.survey.industry')} value={a.industry ?? ''} onChange={(e) => setA({ ...a, industry: e.currentTarget.value })} />
        <TextInput label={t('profiles.survey.jobType')} value={a.job_type ?? ''} onChange={(e) => setA({ ...a, job_type: e.currentTarget.value })} />
        <Checkbox.Group label={t('profiles.survey.interests')} value={a.interests} onChange={(v) => setA({ ...a, interests: v })}>
          <Group mt="xs">{state.survey.interests.map((o) => <Checkbox key={o.key} value={o.key} label={label(o)} />)}</Group>
        </Checkbox.Group>
        <Checkbox.Group label={t('profiles.survey.openTo')} value={a.open_to} onChange={(v) => setA({ ...a, open_to: v })}>
          <Group mt="xs">{state.survey.open_to.map((o) => <Checkbox key={o.key} value={o.key} label={label(o)} />)}</Group>
        </Checkbox.Group>
        <Textarea label={t('profiles.survey.comment')} value={a.comment ?? ''} onChange={(e) => setA({ ...a, comment: e.currentTarget.value })} />
        {error && <Text c="red" role="alert">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="subtle" onClick={() => send({ skipped: true })}>{t('profiles.survey.skip')}</Button>
          <Button onClick={() => send(a)}>{t('profiles.survey.submit')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
