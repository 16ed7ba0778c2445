import { Group, NumberInput, Select, SimpleGrid, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlumniQuery, Company, FacetValue, Facets } from '../../api/types';
import type { FilterKey } from './alumniQuery';

interface Props {
  query: AlumniQuery;
  companies: Company[];
  facets: Facets | undefined;
  onChange: (changes: Partial<Record<FilterKey, string>>) => void;
}

/** One year bound; the list follows once a full four-digit year (or nothing) is typed. */
function YearInput({ label, value, onCommit }: { label: string; value: string; onCommit: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <NumberInput
      aria-label={label}
      placeholder={label}
      hideControls
      allowDecimal={false}
      allowNegative={false}
      min={1900}
      max={2200}
      value={text}
      onChange={(v) => {
        const s = String(v);
        setText(s);
        if (s === '' || s.length === 4) onCommit(s);
      }}
      w="50%"
    />
  );
}

function YearRange({ label, from, to, query, onChange }: {
  label: string;
  from: FilterKey;
  to: FilterKey;
  query: AlumniQuery;
  onChange: Props['onChange'];
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" fw={500} mb={2}>
        {label}
      </Text>
      <Group gap={6} wrap="nowrap">
        <YearInput label={t('alumni.yearFrom')} value={query[from] ?? ''} onCommit={(v) => onChange({ [from]: v })} />
        <YearInput label={t('alumni.yearTo')} value={query[to] ?? ''} onCommit={(v) => onChange({ [to]: v })} />
      </Group>
    </div>
  );
}

export function AlumniFilters({ query, companies, facets, onChange }: Props) {
  const { t } = useTranslation();
  const choice = (key: FilterKey, label: string, values: FacetValue[] | undefined) => (
    <Select
      label={label}
      placeholder={t('alumni.any')}
      data={(values ?? []).map((v) => ({ value: v.value, label: t('alumni.facet', { value: v.value, count: v.count }) }))}
      value={query[key] || null}
      onChange={(v) => onChange({ [key]: v ?? '' })}
      searchable
      clearable
      limit={100}
    />
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
      <Select
        label={t('fields.company_id')}
        placeholder={t('alumni.allCompanies')}
        data={companies.map((c) => ({ value: String(c.id), label: c.name }))}
        value={query.company_id || null}
        onChange={(v) => onChange({ company_id: v ?? '' })}
        searchable
        clearable
      />
      {choice('department', t('fields.department'), facets?.departments)}
      {choice('industry', t('fields.industry'), facets?.industries)}
      {choice('job_type', t('fields.job_type'), facets?.job_types)}
      {choice('tag', t('fields.tags'), facets?.tags)}
      {choice('interest', t('fields.interests'), facets?.interests)}
      <YearRange label={t('fields.join_year')} from="join_year_from" to="join_year_to" query={query} onChange={onChange} />
      <YearRange label={t('fields.leave_year')} from="leave_year_from" to="leave_year_to" query={query} onChange={onChange} />
    </SimpleGrid>
  );
}
