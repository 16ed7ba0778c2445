import { ActionIcon, Button, Group, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/error';
import type { SurveyQuestion } from '../../portal/profile/api';
import { OptionsEditor } from './OptionsEditor';

/** HR's extra questions: single or multiple choice, or a short text. Published ones are retired, never removed. */
export function QuestionsEditor(props: {
  questions: SurveyQuestion[];
  published: SurveyQuestion[];
  error: ApiError | null;
  onChange: (questions: SurveyQuestion[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const { questions, onChange } = props;
  const set = (i: number, q: Partial<SurveyQuestion>) => onChange(questions.map((x, j) => (j === i ? { ...x, ...q } : x)));
  const reason = (field: string) => props.error?.fieldText(field, i18n.language);
  const kinds = (['single', 'multiple', 'text'] as const).map((k) => ({ value: k, label: t(`welcome.questions.${k}`) }));
  return (
    <Stack gap="xs" data-testid="survey-questions">
      <Text fw={600} size="sm">{t('welcome.questions.title')}</Text>
      <Text size="xs" c="dimmed">{t('welcome.questions.help')}</Text>
      {reason('questions') && <Text c="red" size="sm" role="alert">{reason('questions')}</Text>}
      {questions.map((q, i) => {
        const was = props.published.find((p) => p.key === q.key && q.key !== '');
        return (
          <Paper key={i} withBorder p="sm" radius="sm" data-testid={`question-${i}`}>
            <Stack gap="xs">
              <Group align="flex-start" gap="xs" wrap="wrap">
                <TextInput size="xs" w={130} aria-label={t('welcome.editor.key')} placeholder={t('welcome.editor.key')} value={q.key} disabled={!!was}
                  onChange={(e) => set(i, { key: e.currentTarget.value })} error={reason(`questions.${i}.key`)} />
                <Select size="xs" w={150} aria-label={t('welcome.questions.kind')} data={kinds} value={q.kind} disabled={!!was} allowDeselect={false}
                  onChange={(v) => set(i, { kind: (v ?? 'text') as SurveyQuestion['kind'], options: v === 'text' ? undefined : (q.options ?? []) })}
                  error={reason(`questions.${i}.kind`)} />
                {was ? (
                  <Switch size="xs" mt={6} label={t('welcome.editor.retired')} checked={!!q.retired} onChange={(e) => set(i, { retired: e.currentTarget.checked })} />
                ) : (
                  <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('welcome.editor.removeNew')} onClick={() => onChange(questions.filter((_, j) => j !== i))}>×</ActionIcon>
                )}
              </Group>
              <Group grow align="flex-start" gap="xs">
                <TextInput size="xs" aria-label={`${t('welcome.editor.questionLabel')}（${t('welcome.editor.ja')}）`} placeholder={`${t('welcome.editor.questionLabel')}（${t('welcome.editor.ja')}）`}
                  value={q.label.ja} onChange={(e) => set(i, { label: { ...q.label, ja: e.currentTarget.value } })} error={reason(`questions.${i}.label`)} />
                <TextInput size="xs" aria-label={`${t('welcome.editor.questionLabel')} (${t('welcome.editor.en')})`} placeholder={`${t('welcome.editor.questionLabel')} (${t('welcome.editor.en')})`}
                  value={q.label.en} onChange={(e) => set(i, { label: { ...q.label, en: e.currentTarget.value } })} />
              </Group>
              {q.kind !== 'text' && (
                <OptionsEditor name={`questions.${i}.options`} title={t('welcome.questions.options')} options={q.options ?? []}
                  published={(was?.options ?? []).map((o) => o.key)} error={props.error} onChange={(options) => set(i, { options })} />
              )}
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button size="xs" variant="light" data-testid="add-question"
          onClick={() => onChange([...questions, { key: '', kind: 'single', label: { ja: '', en: '' }, options: [] }])}>
          {t('welcome.questions.add')}
        </Button>
      </Group>
    </Stack>
  );
}
