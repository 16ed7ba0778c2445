import { Group, Paper, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { rehireEligibilities, type AlumnusInput, type Company } from '../../api/types';
import { DateField } from '../../ui/DateField';
import { HrOnlyBadge } from '../../ui/HrOnlyBadge';

type TextField = {
  [K in keyof AlumnusInput]: AlumnusInput[K] extends string ? K : never;
}[keyof AlumnusInput];
type ListField = 'other_emails' | 'skills' | 'interests' | 'tags';

interface Props {
  draft: AlumnusInput;
  errors: Record<string, string>;
  companies: Company[];
  readOnly: boolean;
  showPrivate: boolean;
  onChange: (changes: Partial<AlumnusInput>) => void;
}

function Section({ title, badge, note, children }: { title: string; badge?: ReactNode; note?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Group gap="xs" mb={note ? 2 : 'sm'}>
        <Title order={3} size="h5">
          {title}
        </Title>
        {badge}
      </Group>
      {note && (
        <Text size="xs" c="dimmed" mb="sm">
          {note}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
        {children}
      </SimpleGrid>
    </Paper>
  );
}

/** Every field of an alumnus, grouped; server reasons show under each field. */
export function AlumnusForm({ draft, errors, companies, readOnly, showPrivate, onChange }: Props) {
  const { t } = useTranslation();

  const text = (name: TextField, opts: { hint?: string; required?: boolean; type?: string } = {}) => (
    <TextInput
      label={t(`fields.${name}`)}
      name={name}
      type={opts.type ?? 'text'}
      description={opts.hint}
      withAsterisk={opts.required}
      value={draft[name]}
      error={errors[name]}
      readOnly={readOnly}
      onChange={(e) => onChange({ [name]: e.currentTarget.value })}
    />
  );

  const date = (name: 'join_date' | 'leave_date') => (
    <DateField
      label={t(`fields.${name}`)}
      name={name}
      value={draft[name]}
      error={errors[name]}
      readOnly={readOnly}
      onChange={(v) => onChange({ [name]: v })}
    />
  );

  const longText = (name: 'leave_reason' | 'notes', minRows: number) => (
    <Textarea
      label={t(`fields.${name}`)}
      name={name}
      autosize
      minRows={minRows}
      value={draft[name]}
      error={errors[name]}
      readOnly={readOnly}
      onChange={(e) => onChange({ [name]: e.currentTarget.value })}
      style={{ gridColumn: '1 / -1' }}
    />
  );

  const list = (name: ListField) => (
    <TagsInput
      label={t(`fields.${name}`)}
      name={name}
      description={readOnly ? undefined : t('alumnus.listHint')}
      value={draft[name] ?? []}
      error={errors[name]}
      readOnly={readOnly}
      onChange={(v) => onChange({ [name]: v })}
      clearable={!readOnly}
    />
  );

  return (
    <Stack gap="md">
      <Section title={t('alumnus.groupBasic')}>
        {text('name', { hint: t('alumnus.nameHint'), required: true })}
        {text('name_reading', { hint: t('alumnus.readingHint') })}
        <Select
          label={t('fields.company_id')}
          name="company_id"
          withAsterisk
          data={companies.map((c) => ({ value: String(c.id), label: c.name }))}
          value={draft.company_id ? String(draft.company_id) : null}
          error={errors.company_id}
          readOnly={readOnly}
          onChange={(v) => onChange({ company_id: Number(v) || 0 })}
        />
        {text('employee_number')}
        {text('email', { hint: t('alumnus.emailHint'), type: 'email' })}
        {list('other_emails')}
      </Section>

      <Section title={t('alumnus.groupTenure')}>
        {text('department')}
        {text('position')}
        {date('join_date')}
        {date('leave_date')}
        {text('former_manager')}
      </Section>

      <Section title={t('alumnus.groupCurrent')}>
        {text('current_employer')}
        {text('industry')}
        {text('job_type')}
        {list('skills')}
        {list('interests')}
        {list('tags')}
      </Section>

      {showPrivate && (
        <Section title={t('alumnus.groupHr')} badge={<HrOnlyBadge />} note={t('alumnus.hrOnlyNote')}>
          <Select
            label={t('fields.rehire_eligibility')}
            name="rehire_eligibility"
            data={rehireEligibilities.map((v) => ({ value: v, label: t(`rehire.${v}`) }))}
            value={draft.rehire_eligibility || 'unknown'}
            error={errors.rehire_eligibility}
            readOnly={readOnly}
            allowDeselect={false}
            onChange={(v) => onChange({ rehire_eligibility: (v ?? 'unknown') as AlumnusInput['rehire_eligibility'] })}
          />
          {longText('leave_reason', 2)}
          {longText('notes', 3)}
        </Section>
      )}
    </Stack>
  );
}
