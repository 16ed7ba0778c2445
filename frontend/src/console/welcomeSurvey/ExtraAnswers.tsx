import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { optionLabel, type Survey } from '../../portal/profile/api';

/** On an alumnus's page: their answers to HR's extra survey questions (retired ones included). */
export function ExtraAnswers({ extra, survey }: { extra?: Record<string, string[]>; survey: Pick<Survey, 'questions'> }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const rows = (survey.questions ?? []).filter((q) => (extra?.[q.key] ?? []).length > 0);
  if (rows.length === 0) return null;
  return (
    <div data-testid="survey-extra-answers">
      <Text size="sm" fw={600}>{t('welcome.questions.title')}</Text>
      <Table fz="sm">
        <Table.Tbody>
          {rows.map((q) => (
            <Table.Tr key={q.key}>
              <Table.Th w={220}>{en ? q.label.en : q.label.ja}</Table.Th>
              <Table.Td>
                {q.kind === 'text' ? extra![q.key][0] : extra![q.key].map((k) => optionLabel(q.options ?? [], k, i18n.language)).join('、')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
