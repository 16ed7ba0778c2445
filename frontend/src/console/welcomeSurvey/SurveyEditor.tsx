import { Box, Button, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { WelcomeSurvey } from '../../portal/profile/WelcomeSurvey';
import type { Survey, SurveyText } from '../../portal/profile/api';
import { notifySuccess } from '../../ui/notify';
import { SettingsCard } from '../settings/parts';
import { publishSurvey } from './api';
import { OptionsEditor } from './OptionsEditor';
import { QuestionsEditor } from './QuestionsEditor';

const defaultAsk = { join_year: true, industry: true, job_type: true, comment: true };
const emptyText: SurveyText = { ja: '', en: '' };

/** The form HR edits the next survey version in, beside a phone-width preview. */
export function SurveyEditor({ survey, onPublished }: { survey: Survey; onPublished: () => void }) {
  const { t, i18n } = useTranslation();
  const fresh = (): Survey => ({ ...survey, ask: survey.ask ?? defaultAsk, intro: survey.intro ?? emptyText,
    interests_label: survey.interests_label ?? emptyText, open_to_label: survey.open_to_label ?? emptyText });
  const [d, setD] = useState<Survey>(fresh);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const ask = d.ask ?? defaultAsk;
  const published = (list: Survey['interests']) => list.map((o) => o.key);

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const v = await publishSurvey(d);
      notifySuccess(t('welcome.editor.published', { version: v.survey.version }));
      onPublished();
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  /** HR's wording in both languages; the placeholder is the built-in wording used when it is left empty. */
  const textPair = (name: 'intro' | 'interests_label' | 'open_to_label', label: string, builtIn: 'profiles.survey.lead' | 'profiles.survey.interests' | 'profiles.survey.openTo', area?: boolean) => {
    const w = d[name] ?? emptyText;
    const Input = area ? Textarea : TextInput;
    return (
      <Group grow align="flex-start" gap="xs">
        <Input size="xs" label={`${label}（${t('welcome.editor.ja')}）`} value={w.ja} placeholder={i18n.getFixedT('ja')(builtIn)} error={error?.fieldText(name, i18n.language)}
          onChange={(e) => setD({ ...d, [name]: { ...w, ja: e.currentTarget.value } })} />
        <Input size="xs" label={`${label} (${t('welcome.editor.en')})`} value={w.en} placeholder={i18n.getFixedT('en')(builtIn)}
          onChange={(e) => setD({ ...d, [name]: { ...w, en: e.currentTarget.value } })} />
      </Group>
    );
  };
  return (
    <SettingsCard title={t('welcome.editor.title')} intro={t('welcome.editor.intro')} testId="survey-editor">
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Box style={{ flex: '1 1 32rem', minWidth: 0 }}>
          <Stack gap="md">
            <Text size="sm" c="dimmed" data-testid="survey-version">
              {t('welcome.editor.version', { version: survey.version })}
              {survey.published_at && ` · ${t('welcome.editor.publishedAt', { at: new Date(survey.published_at).toLocaleString(i18n.language) })}`}
            </Text>
            {textPair('intro', t('welcome.editor.introText'), 'profiles.survey.lead', true)}
            <Text size="xs" c="dimmed" mt={-10}>{t('welcome.editor.introHelp')}</Text>
            <Stack gap={4}>
              <Text fw={600} size="sm">{t('welcome.editor.ask')}</Text>
              <Group>
                {(['join_year', 'industry', 'job_type', 'comment'] as const).map((k) => (
                  <Checkbox key={k} size="xs" label={t(`welcome.editor.ask${{ join_year: 'JoinYear', industry: 'Industry', job_type: 'JobType', comment: 'Comment' }[k]}` as 'welcome.editor.askJoinYear')}
                    checked={ask[k]} onChange={(e) => setD({ ...d, ask: { ...ask, [k]: e.currentTarget.checked } })} />
                ))}
              </Group>
            </Stack>
            {textPair('interests_label', t('welcome.editor.questionLabel'), 'profiles.survey.interests')}
            <OptionsEditor name="interests" title={t('welcome.editor.interests')} options={d.interests} published={published(survey.interests)}
              error={error} onChange={(interests) => setD({ ...d, interests })} />
            {textPair('open_to_label', t('welcome.editor.questionLabel'), 'profiles.survey.openTo')}
            <OptionsEditor name="open_to" title={t('welcome.editor.openTo')} options={d.open_to} published={published(survey.open_to)}
              error={error} onChange={(open_to) => setD({ ...d, open_to })} />
            <QuestionsEditor questions={d.questions ?? []} published={survey.questions ?? []} error={error} onChange={(questions) => setD({ ...d, questions })} />
            {error && <Text c="red" size="sm" role="alert">{error.text(i18n.language)}</Text>}
            <Group justify="flex-end">
              <Button variant="subtle" onClick={() => { setD(fresh()); setError(null); }}>{t('welcome.editor.reset')}</Button>
              <Button onClick={publish} loading={busy} data-testid="publish-survey">{t('welcome.editor.publish')}</Button>
            </Group>
          </Stack>
        </Box>
        <Box style={{ flex: '0 1 406px' }}>
          <Text fw={600} size="sm" mb="xs">{t('welcome.editor.preview')}</Text>
          <Box maw={390} style={{ border: '8px solid var(--mantine-color-gray-3)', borderRadius: 24, overflow: 'hidden' }} data-testid="survey-preview">
            <WelcomeSurvey state={{ survey: d, pending: true }} onDone={() => {}} preview />
          </Box>
        </Box>
      </Group>
    </SettingsCard>
  );
}
