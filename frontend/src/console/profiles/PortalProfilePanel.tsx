import { Avatar, Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { optionLabel, type SurveyOption, type SurveyQuestion } from '../../portal/profile/api';
import { ExtraAnswers } from '../welcomeSurvey/ExtraAnswers';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useApi } from '../../ui/useApi';

interface HRView {
  member: boolean;
  profile?: {
    company: string;
    role: string;
    industry: string;
    job_type: string;
    skills: string[];
    interests: string[];
    open_to: string[];
    bio: string;
    has_photo: boolean;
    visibility: Record<string, 'alumni' | 'hr'>;
  };
  survey?: { skipped: boolean; open_to: string[] | null; interests: string[] | null; comment: string; answered_at: string; extra?: Record<string, string[]> };
  options: { interests: SurveyOption[]; open_to: SurveyOption[]; questions?: SurveyQuestion[] };
}

const fields = ['company', 'role', 'industry', 'job_type', 'skills', 'interests', 'bio'] as const;

/** On an alumnus's page: what they put in the portal, their "open to" answers and which fields they keep for HR only. */
export function PortalProfilePanel({ alumnusId }: { alumnusId: number }) {
  const { t, i18n } = useTranslation();
  const view = useApi(`portal-profile:${alumnusId}`, (signal) =>
    request<HRView>(`/api/alumni/${alumnusId}/profile`, { signal }),
  );
  if (view.error) return <ErrorAlert error={view.error} />;
  const v = view.data;
  if (!v) return null;
  const p = v.profile;
  return (
    <Paper withBorder p="md" radius="md" data-testid="portal-profile-panel">
      <Stack gap="sm">
        <Title order={3} size="h5">{t('profiles.hr.title')}</Title>
        {!v.member || !p ? (
          <Text c="dimmed">{t('profiles.hr.notMember')}</Text>
        ) : (
          <>
            <Group>
              {p.has_photo && <Avatar size={64} radius="xl" src={`/api/alumni/${alumnusId}/photo`} />}
              <div>
                <Text size="sm" fw={600}>{t('profiles.hr.openTo')}</Text>
                <Group gap={4}>{p.open_to.map((o) => <Badge key={o} color="teal">{optionLabel(v.options.open_to, o, i18n.language)}</Badge>)}</Group>
              </div>
            </Group>
            <Table>
              <Table.Tbody>
                {fields.map((f) => {
                  const value = p[f];
                  return (
                    <Table.Tr key={f}>
                      <Table.Th w={160}>{t(`profiles.fields.${f}`)}</Table.Th>
                      <Table.Td>{Array.isArray(value) ? value.join('、') : value}</Table.Td>
                      <Table.Td w={100}>{p.visibility[f] === 'hr' && <Badge variant="light" color="gray">{t('profiles.hr.hidden')}</Badge>}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
        {v.survey && (
          <Text size="sm" c="dimmed">
            {t('profiles.hr.survey')}: {v.survey.skipped ? t('profiles.hr.skipped') : v.survey.comment} ({v.survey.answered_at.slice(0, 10)})
          </Text>
        )}
        {v.survey && <ExtraAnswers extra={v.survey.extra} survey={v.options} />}
      </Stack>
    </Paper>
  );
}
