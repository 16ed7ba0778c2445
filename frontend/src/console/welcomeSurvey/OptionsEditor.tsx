import { ActionIcon, Button, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/error';
import type { SurveyOption } from '../../portal/profile/api';

/**
 * The choices of one question. Published choices keep their key and can only
 * be renamed or retired; new ones get a key of their own.
 */
export function OptionsEditor(props: {
  /** the options' path in the draft, as error fields name it: "interests", "questions.0.options" */
  name: string;
  title: string;
  options: SurveyOption[];
  published: string[];
  error: ApiError | null;
  onChange: (options: SurveyOption[]) => void;
}) {
  const { t, i18n } = useTranslation();
  const { name, options, onChange } = props;
  const set = (i: number, o: Partial<SurveyOption>) => onChange(options.map((x, j) => (j === i ? { ...x, ...o } : x)));
  const reason = (field: string) => props.error?.fieldText(field, i18n.language);
  return (
    <Stack gap="xs" data-testid={`options-${name}`}>
      <Text fw={600} size="sm">{props.title}</Text>
      {reason(name) && <Text c="red" size="sm" role="alert">{reason(name)}</Text>}
      {options.map((o, i) => {
        const isNew = !props.published.includes(o.key) || o.key === '';
        return (
          <Group key={i} align="flex-start" gap="xs" wrap="wrap" data-testid={`option-${name}-${i}`}>
            <TextInput size="xs" w={130} aria-label={t('welcome.editor.key')} placeholder={t('welcome.editor.key')} value={o.key}
              disabled={!isNew} onChange={(e) => set(i, { key: e.currentTarget.value })} error={reason(`${name}.${i}.key`)} />
            <TextInput size="xs" style={{ flex: '1 1 9rem' }} aria-label={t('welcome.editor.ja')} placeholder={t('welcome.editor.ja')} value={o.ja}
              onChange={(e) => set(i, { ja: e.currentTarget.value })} error={reason(`${name}.${i}.label`)} />
            <TextInput size="xs" style={{ flex: '1 1 9rem' }} aria-label={t('welcome.editor.en')} placeholder={t('welcome.editor.en')} value={o.en}
              onChange={(e) => set(i, { en: e.currentTarget.value })} />
            {isNew ? (
              <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t('welcome.editor.removeNew')} onClick={() => onChange(options.filter((_, j) => j !== i))}>×</ActionIcon>
            ) : (
              <Switch size="xs" mt={6} label={t('welcome.editor.retired')} checked={!!o.retired} onChange={(e) => set(i, { retired: e.currentTarget.checked })} />
            )}
          </Group>
        );
      })}
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange([...options, { key: '', ja: '', en: '' }])} data-testid={`add-${name}`}>
          {t('welcome.editor.addOption')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed">{t('welcome.editor.keyHelp')}</Text>
    </Stack>
  );
}
