import { Button, Checkbox, Group, NumberInput, Paper, Radio, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { answerSurvey, type Answers, type SurveyState, type SurveyText } from './api';

/** The member's earlier answers, kept to what the current version still offers, to start an update from. */
function earlier({ survey, answers }: SurveyState): Answers {
  if (!answers || answers.skipped) return { interests: [], open_to: [] };
  const active = (list: { key: string; retired?: boolean }[] | undefined) => (list ?? []).filter((o) => !o.retired).map((o) => o.key);
  const keep = (keys: string[] | null | undefined, allowed: string[]) => (keys ?? []).filter((k) => allowed.includes(k));
  const extra: Record<string, string[]> = {};
  for (const q of survey.questions ?? []) {
    const v = answers.extra?.[q.key];
    if (q.retired || !v) continue;
    extra[q.key] = q.kind === 'text' ? v : keep(v, active(q.options));
  }
  return {
    join_year: answers.join_year || undefined, industry: answers.industry, job_type: answers.job_type, comment: answers.comment,
    interests: keep(answers.interests, active(survey.interests)), open_to: keep(answers.open_to, active(survey.open_to)), extra,
  };
}

/**
 * The welcome survey shown until the member answers or skips it, in the
 * wording of the version HR published. With preview (the console's editor)
 * nothing is sent.
 */
export function WelcomeSurvey({ state, onDone, preview }: { state: SurveyState; onDone: () => void; preview?: boolean }) {
  const { t, i18n } = useTranslation();
  const sv = state.survey;
  const [a, setA] = useState<Answers>(() => earlier(state));
  const [error, setError] = useState('');
  const en = i18n.language.startsWith('en');
  const label = (o: { ja: string; en: string }) => (en ? o.en : o.ja);
  /** HR's wording, or the built-in one when HR left it empty. */
  const text = (w: SurveyText | undefined, key: 'profiles.survey.lead' | 'profiles.survey.interests' | 'profiles.survey.openTo') => (w && label(w)) || t(key);
  const ask = sv.ask ?? { join_year: true, industry: true, job_type: true, comment: true };
  const extra = (key: string) => a.extra?.[key] ?? [];
  const setExtra = (key: string, v: string[]) => setA({ ...a, extra: { ...a.extra, [key]: v } });
  const send = async (answers: Answers) => {
    if (preview) return;
    try {
      await answerSurvey(answers.skipped ? answers : { ...answers, version: sv.version });
      onDone();
    } catch (err) {
      setError(asApiError(err).text(i18n.language));
    }
  };
  return (
    <Paper withBorder p="lg" radius="md" data-testid="welcome-survey">
      <Stack>
        <Title order={2}>{t('profiles.survey.title')}</Title>
        <Text c="dimmed">{text(sv.intro, 'profiles.survey.lead')}</Text>
        {ask.join_year && (
          <NumberInput label={t('profiles.survey.joinYear')} min={1950} max={2100} value={a.join_year ?? ''}
            onChange={(v) => setA({ ...a, join_year: typeof v === 'number' ? v : undefined })} />
        )}
        {ask.industry && (
          <TextInput label={t('profiles.survey.industry')} value={a.industry ?? ''} onChange={(e) => setA({ ...a, industry: e.currentTarget.value })} />
        )}
        {ask.job_type && (
          <TextInput label={t('profiles.survey.jobType')} value={a.job_type ?? ''} onChange={(e) => setA({ ...a, job_type: e.currentTarget.value })} />
        )}
        <Checkbox.Group label={text(sv.interests_label, 'profiles.survey.interests')} value={a.interests} onChange={(v) => setA({ ...a, interests: v })}>
          <Group mt="xs">{sv.interests.filter((o) => !o.retired).map((o) => <Checkbox key={o.key} value={o.key} label={label(o)} />)}</Group>
        </Checkbox.Group>
        <Checkbox.Group label={text(sv.open_to_label, 'profiles.survey.openTo')} value={a.open_to} onChange={(v) => setA({ ...a, open_to: v })}>
          <Group mt="xs">{sv.open_to.filter((o) => !o.retired).map((o) => <Checkbox key={o.key} value={o.key} label={label(o)} />)}</Group>
        </Checkbox.Group>
        {(sv.questions ?? []).filter((q) => !q.retired).map((q) => {
          const options = (q.options ?? []).filter((o) => !o.retired);
          if (q.kind === 'text') {
            return <TextInput key={q.key} label={label(q.label)} value={extra(q.key)[0] ?? ''} onChange={(e) => setExtra(q.key, [e.currentTarget.value])} />;
          }
          if (q.kind === 'single') {
            return (
              <Radio.Group key={q.key} label={label(q.label)} value={extra(q.key)[0] ?? null} onChange={(v) => setExtra(q.key, [v])}>
                <Group mt="xs">{options.map((o) => <Radio key={o.key} value={o.key} label={label(o)} />)}</Group>
              </Radio.Group>
            );
          }
          return (
            <Checkbox.Group key={q.key} label={label(q.label)} value={extra(q.key)} onChange={(v) => setExtra(q.key, v)}>
              <Group mt="xs">{options.map((o) => <Checkbox key={o.key} value={o.key} label={label(o)} />)}</Group>
            </Checkbox.Group>
          );
        })}
        {ask.comment && (
          <Textarea label={t('profiles.survey.comment')} value={a.comment ?? ''} onChange={(e) => setA({ ...a, comment: e.currentTarget.value })} />
        )}
        {error && <Text c="red" role="alert">{error}</Text>}
        <Group justify="flex-end">
          <Button variant="subtle" disabled={preview} onClick={() => send({ skipped: true })}>{t('profiles.survey.skip')}</Button>
          <Button disabled={preview} onClick={() => send(a)}>{t('profiles.survey.submit')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
