import { Button, Center, Collapse, Group, Loader, Pagination, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback, useDisclosure, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/useApi';
import { alumnusUrl } from '../paths';
import { usePermissions } from '../session';
import { AlumniFilters } from './AlumniFilters';
import { pageSize, useAlumniQuery } from './alumniQuery';
import { AlumniTable } from './AlumniTable';

/** The search box: the list follows as you type, 150 ms after the last key. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const search = useDebouncedCallback((q: string) => onSearch(q.trim()), 150);
  return (
    <TextInput
      type="search"
      placeholder={t('alumni.search')}
      aria-label={t('alumni.search')}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        search(e.currentTarget.value);
      }}
      size="md"
      style={{ flex: '1 1 280px' }}
    />
  );
}

export function AlumniListPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  const wide = useMediaQuery('(min-width: 62em)', undefined, { getInitialValueInEffect: false });
  const { query, page, sort, update, activeFilters, clearFilters } = useAlumniQuery();
  const [filtersOpen, filters] = useDisclosure(activeFilters > 0);
  const list = useApi(JSON.stringify(query), (signal) => api.alumni(query, signal));
  const companies = useApi('companies', (signal) => api.companies(signal));
  const facets = useApi('facets', (signal) => api.facets(signal));
  const total = list.data?.total ?? 0;

  return (
    <Stack gap="sm">
      <PageHeader title={t('alumni.title')}>
        {can('alumni.write') && (
          <Button component={Link} to={alumnusUrl('new')}>
            {t('alumni.new')}
          </Button>
        )}
      </PageHeader>

      <Paper withBorder p="sm">
        <Group gap="sm">
          <SearchBox value={query.q ?? ''} onSearch={(q) => update({ q })} />
          <Button variant={activeFilters ? 'light' : 'default'} onClick={filters.toggle} aria-expanded={filtersOpen}>
            {t('alumni.filters')}
            {activeFilters > 0 && ` (${activeFilters})`}
          </Button>
          {activeFilters > 0 && (
            <Button variant="subtle" onClick={clearFilters}>
              {t('alumni.clearFilters')}
            </Button>
          )}
        </Group>
        <Collapse expanded={filtersOpen}>
          <Stack pt="sm">
            <AlumniFilters
              query={query}
              companies={companies.data?.items ?? []}
              facets={facets.data}
              onChange={update}
            />
          </Stack>
        </Collapse>
      </Paper>

      <Group justify="space-between" h={28}>
        <Group gap="xs">
          <Text fw={700} size="lg" data-testid="alumni-total">
            {list.data ? t('alumni.total', { count: total }) : ''}
          </Text>
          {list.loading && <Loader size="xs" />}
        </Group>
      </Group>

      {list.error && <ErrorAlert error={list.error} onRetry={list.reload} />}
      {list.data && list.data.items.length > 0 && (
        <AlumniTable items={list.data.items} sort={sort} onSort={(s) => update({ sort: s })} compact={!wide} />
      )}
      {list.data && list.data.items.length === 0 && (
        <Paper withBorder p="xl">
          <Center>
            <Text c="dimmed">{t('alumni.empty')}</Text>
          </Center>
        </Paper>
      )}
      {total > pageSize && (
        <Center>
          <Pagination
            total={Math.ceil(total / pageSize)}
            value={page}
            onChange={(p) => update({ page: String(p) })}
            siblings={wide ? 1 : 0}
            boundaries={1}
          />
        </Center>
      )}
    </Stack>
  );
}
