import { Anchor, Badge, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Survey, SurveyOption } from '../../portal/profile/api';
import { sectionUrl } from '../paths';
import { SettingsCard } from '../settings/parts';
import type { SurveySummary } from './api';

/** "Open to" answers HR follows up in the alumni list (the record keeps the Japanese wording). */
const followUp = ['rehire', 'contract_work', 'mentoring'];

/** How many members chose each option, with links to the alumni list for the "open to" HR acts on. */
export function SummaryCard({ survey, summary }: { survey: Survey; summary: SurveySummary }) {
  const { t, i18n } = useTranslation();
  const label = (o: SurveyOption) => (i18n.language.startsWith('en') ? o.en : o.ja);
  const table = (name: string, title: string, options: SurveyOption[], counts: Record<string, number>) => (
    <Stack gap={4} data-testid={`summary-${name}`}>
      <Text fw={600} size="sm">{title}</Text>
      <Table verticalSpacing={4} fz="sm">
        <Table.Tbody>
          {options.map((o) => {
            const n = counts[o.key] ?? 0;
            return (
              <Table.Tr key={o.key} data-testid={`count-${o.key}`}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {label(o)}
                    {o.retired && <Badge size="xs" color="gray" variant="light">{t('welcome.summary.retired')}</Badge>}
                  </Group>
                </Table.Td>
                <Table.Td w="35%"><Progress value={summary.answered ? (100 * n) / summary.answered : 0} size="sm" /></Table.Td>
                <Table.Td w={70} ta="right">{t('welcome.summary.people', { count: n })}</Table.Td>
                <Table.Td w={110}>
                  {followUp.includes(o.key) && n > 0 && (
                    <Anchor component={Link} size="xs" to={`${sectionUrl('alumni')}?interest=${encodeURIComponent(o.ja)}`}>
                      {t('welcome.summary.showList')}
                    </Anchor>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
  return (
    <SettingsCard title={t('welcome.summary.title')} intro={t('welcome.summary.counts', { answered: summary.answered, skipped: summary.skipped })} testId="survey-summary">
      <Stack>
        {table('interests', t('welcome.editor.interests'), survey.interests, summary.interests)}
        {table('open_to', t('welcome.editor.openTo'), survey.open_to, summary.open_to)}
        {(survey.questions ?? []).filter((q) => q.kind !== 'text').map((q) => (
          <div key={q.key}>{table(`extra-${q.key}`, label({ key: q.key, ...q.label }), q.options ?? [], summary.extra?.[q.key] ?? {})}</div>
        ))}
      </Stack>
    </SettingsCard>
  );
}
