import { Avatar, Badge, Group, Loader, NumberInput, Pagination, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { asApiError } from '../../api/error';
import { searchMembers, type Card, type DirectoryQuery } from '../profile/api';

const pageSize = 20;

/** Search other members by what they show. */
export default function DirectoryPage() {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState<DirectoryQuery>({});
  const [page, setPage] = useState(1);
  const [res, setRes] = useState<{ total: number; items: Card[] }>();
  const [error, setError] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      searchMembers({ ...q, offset: (page - 1) * pageSize, limit: pageSize })
        .then((r) => { setRes(r); setError(''); })
        .catch((err) => setError(asApiError(err).text(i18n.language)));
    }, 200);
    return () => clearTimeout(timer);
  }, [q, page, i18n.language]);
  const set = (patch: DirectoryQuery) => { setQ({ ...q, ...patch }); setPage(1); };
  return (
    <Stack>
      <Title order={2}>{t('profiles.directory.title')}</Title>
      <TextInput aria-label={t('profiles.directory.search')} placeholder={t('profiles.directory.search')} value={q.q ?? ''} onChange={(e) => set({ q: e.currentTarget.value })} />
      <SimpleGrid cols={{ base: 2, sm: 5 }}>
        <TextInput size="xs" label={t('profiles.directory.company')} value={q.company ?? ''} onChange={(e) => set({ company: e.currentTarget.value })} />
        <TextInput size="xs" label={t('profiles.directory.industry')} value={q.industry ?? ''} onChange={(e) => set({ industry: e.currentTarget.value })} />
        <TextInput size="xs" label={t('profiles.directory.jobType')} value={q.job_type ?? ''} onChange={(e) => set({ job_type: e.currentTarget.value })} />
        <NumberInput size="xs" label={t('profiles.directory.joinFrom')} value={q.join_year_from ?? ''} onChange={(v) => set({ join_year_from: typeof v === 'number' ? v : undefined })} />
        <NumberInput size="xs" label={t('profiles.directory.joinTo')} value={q.join_year_to ?? ''} onChange={(v) => set({ join_year_to: typeof v === 'number' ? v : undefined })} />
      </SimpleGrid>
      {error && <Text c="red" role="alert">{error}</Text>}
      {!res ? <Loader /> : (
        <>
          <Text size="sm" c="dimmed">{t('profiles.directory.total', { count: res.total })}</Text>
          {res.items.length === 0 && <Text>{t('profiles.directory.empty')}</Text>}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {res.items.map((c) => (
              <Paper key={c.id} withBorder p="md" radius="md" data-testid="member-card">
                <Group wrap="nowrap" align="flex-start">
                  <Avatar size={56} radius="xl" src={c.has_photo ? `/api/portal/alumni/${c.id}/photo` : undefined}>{c.name.slice(0, 1)}</Avatar>
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text fw={700}>{c.name}</Text>
                    <Text size="xs" c="dimmed">{c.name_reading}</Text>
                    {(c.company || c.role) && <Text size="sm">{[c.company, c.role].filter(Boolean).join(' · ')}</Text>}
                    {(c.industry || c.job_type) && <Text size="xs" c="dimmed">{[c.industry, c.job_type].filter(Boolean).join(' / ')}</Text>}
                    {c.join_year ? <Text size="xs" c="dimmed">{t('profiles.directory.joined', { year: c.join_year })}</Text> : null}
                    {c.skills && <Group gap={4}>{c.skills.map((s) => <Badge key={s} size="xs" variant="light" tt="none">{s}</Badge>)}</Group>}
                    {c.bio && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{c.bio}</Text>}
                  </Stack>
                </Group>
              </Paper>
            ))}
          </SimpleGrid>
          {res.total > pageSize && <Pagination total={Math.ceil(res.total / pageSize)} value={page} onChange={setPage} />}
        </>
      )}
    </Stack>
  );
}
