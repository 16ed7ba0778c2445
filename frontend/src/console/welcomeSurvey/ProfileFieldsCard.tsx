import { Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError, type ApiError } from '../../api/error';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { notifySuccess } from '../../ui/notify';
import { SettingsCard } from '../settings/parts';
import { saveProfileFields, surveyFields, type SurveyField } from './api';

/** Per survey answer: may it appear on profiles (when the member shows it too), or is it for HR only. */
export function ProfileFieldsCard({ fields, onSaved }: { fields: Record<SurveyField, 'alumni' | 'hr'>; onSaved: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (f: SurveyField, v: 'alumni' | 'hr') => {
    setError(null);
    try {
      await saveProfileFields({ [f]: v });
      notifySuccess(t('welcome.fields.saved'));
      onSaved();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <SettingsCard title={t('welcome.fields.title')} intro={t('welcome.fields.intro')} testId="survey-profile-fields">
      <Stack gap="xs">
        {error && <ErrorAlert error={error} />}
        {surveyFields.map((f) => (
          <Group key={f} justify="space-between" wrap="nowrap" maw={520}>
            <Text size="sm">{t(`profiles.fields.${f}`)}</Text>
            <SegmentedControl size="xs" data-testid={`policy-${f}`} value={fields[f]} onChange={(v) => save(f, v as 'alumni' | 'hr')}
              data={[{ value: 'alumni', label: t('welcome.fields.alumni') }, { value: 'hr', label: t('welcome.fields.hr') }]} />
          </Group>
        ))}
      </Stack>
    </SettingsCard>
  );
}
