import { Loader, Stack } from '@mantine/core';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApi } from '../../ui/useApi';
import { getWelcomeSurvey } from './api';
import { ProfileFieldsCard } from './ProfileFieldsCard';
import { SurveyEditor } from './SurveyEditor';
import { SummaryCard } from './SummaryCard';

/** Members section tab: edit and publish the welcome survey, choose which answers profiles show, see the counts. */
export default function WelcomeSurveyTab() {
  const view = useApi('welcome-survey', getWelcomeSurvey);
  if (view.error) return <ErrorAlert error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Loader />;
  const v = view.data;
  return (
    <Stack>
      <SurveyEditor key={v.survey.version} survey={v.survey} onPublished={view.reload} />
      <ProfileFieldsCard fields={v.profile_fields} onSaved={view.reload} />
      <SummaryCard survey={v.survey} summary={v.summary} />
    </Stack>
  );
}
