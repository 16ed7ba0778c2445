import { Anchor, Button, Grid, Group, MultiSelect, NumberInput, Paper, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asApiError, type ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { FacetValue, Segment, SegmentFilter, SegmentInput } from '../../api/mailTypes';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess, showSaveFailure } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { alumnusUrl } from '../paths';
import { usePermissions } from '../session';
import { mailUrls } from './mailPaths';
import { CountsView } from './parts';

type ListKey = 'departments' | 'industries' | 'job_types' | 'interests' | 'tags';
type YearKey = 'join_year_from' | 'join_year_to' | 'leave_year_from' | 'leave_year_to';

/** /console/mail/segments/:id and /console/mail/segments/new. */
export function SegmentEditorPage() {
  const { id = 'new' } = useParams();
  const record = useApi(`segment-edit:${id}`, (signal) =>
    id === 'new' ? Promise.resolve(undefined) : mailApi.segment(Number(id), signal),
  );
  if (record.error) return <ErrorAlert error={record.error} onRetry={record.reload} />;
  if (record.loading) return <Loading />;
  return <SegmentEditor key={id} record={record.data} />;
}

function YearInput({ label, value, readOnly, onChange }: { label: string; value: number | undefined; readOnly: boolean; onChange: (v: number | undefined) => void }) {
  return (
    <NumberInput
      aria-label={label}
      placeholder={label}
      hideControls
      allowDecimal={false}
      allowNegative={false}
      min={1900}
      max={2200}
      value={value || ''}
      readOnly={readOnly}
      onChange={(v) => {
        const s = String(v);
        if (s === '') onChange(undefined);
        else if (s.length === 4) onChange(Number(s));
      }}
      style={{ flex: 1 }}
    />
  );
}

function SegmentEditor({ record }: { record: Segment | undefined }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const readOnly = !can('mail.write');
  const [saved, setSaved] = useState(record);
  const [draft, setDraft] = useState<SegmentInput>(() =>
    record ? { name: record.name, description: record.description, filter: record.filter ?? {} } : { name: '', description: '', filter: {} },
  );
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const companies = useApi('companies', (signal) => api.companies(signal));
  const facets = useApi('facets', (signal) => api.facets(signal));

  // The live count follows the filter 300 ms after the last change.
  const [filter] = useDebouncedValue(draft.filter, 300);
  const count = useApi(`count:${JSON.stringify(filter)}`, (signal) => mailApi.count(filter, signal));
  const members = useApi(`members:${saved?.id}:${saved?.updated_at}`, (signal) =>
    saved ? mailApi.members(saved.id, 0, 20, signal) : Promise.resolve(undefined),
  );

  const setFilter = (f: Partial<SegmentFilter>) => setDraft((d) => ({ ...d, filter: { ...d.filter, ...f } }));
  const field = (name: string) => failure?.fieldText(name, i18n.language);

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const result = saved ? await mailApi.updateSegment(saved.id, draft) : await mailApi.createSegment(draft);
      setFailure(undefined);
      notifySuccess(saved ? t('mail.segments.saved') : t('mail.segments.created'));
      setSaved(result);
      if (!saved) window.history.replaceState(null, '', mailUrls.segment(result.id));
    } catch (err) {
      showSaveFailure(err, setFailure);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!saved) return;
    try {
      await mailApi.deleteSegment(saved.id);
      notifySuccess(t('mail.segments.deleted'));
      navigate(mailUrls.segments);
    } catch (err) {
      notifyError(asApiError(err));
      setDeleting(false);
    }
  }

  const multi = (key: ListKey, label: string, values: FacetValue[] | undefined) => (
    <MultiSelect
      label={label}
      placeholder={(draft.filter[key] ?? []).length ? undefined : t('mail.segments.any')}
      data={(values ?? []).map((v) => ({ value: v.value, label: t('alumni.facet', { value: v.value, count: v.count }) }))}
      value={draft.filter[key] ?? []}
      onChange={(v) => setFilter({ [key]: v })}
      searchable
      clearable
      readOnly={readOnly}
      limit={100}
      comboboxProps={{ withinPortal: true }}
      data-testid={`filter-${key}`}
    />
  );
  const year = (key: YearKey, label: string) => (
    <YearInput label={label} value={draft.filter[key]} readOnly={readOnly} onChange={(v) => setFilter({ [key]: v })} />
  );

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="md">
        <Anchor component={Link} to={mailUrls.segments} size="sm">
          ← {t('mail.segments.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            {saved ? saved.name : t('mail.segments.newTitle')}
          </Title>
          {!readOnly && (
            <Group gap="sm">
              {saved && (
                <Button variant="subtle" color="red" onClick={() => setDeleting(true)}>
                  {t('common.delete')}
                </Button>
              )}
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Group>
        {failure && <ErrorAlert error={failure} />}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Paper withBorder p="md">
              <Stack gap="sm">
                <TextInput
                  label={t('mail.segments.name')}
                  name="name"
                  withAsterisk
                  value={draft.name}
                  error={field('name')}
                  readOnly={readOnly}
                  onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                />
                <Textarea
                  label={t('mail.segments.description')}
                  name="description"
                  value={draft.description}
                  readOnly={readOnly}
                  autosize
                  minRows={1}
                  onChange={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
                />
                <Title order={3} size="h6" mt="xs">
                  {t('mail.segments.filters')}
                </Title>
                {field('filter') && (
                  <Text c="red" size="sm">
                    {field('filter')}
                  </Text>
                )}
                <MultiSelect
                  label={t('mail.segments.companies')}
                  placeholder={(draft.filter.company_ids ?? []).length ? undefined : t('mail.segments.any')}
                  data={(companies.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))}
                  value={(draft.filter.company_ids ?? []).map(String)}
                  onChange={(v) => setFilter({ company_ids: v.map(Number) })}
                  searchable
                  clearable
                  readOnly={readOnly}
                  comboboxProps={{ withinPortal: true }}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                  <div>
                    <Text size="sm" fw={500} mb={2}>
                      {t('mail.segments.joinYear')}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      {year('join_year_from', t('mail.segments.from'))}〜{year('join_year_to', t('mail.segments.to'))}
                    </Group>
                  </div>
                  <div>
                    <Text size="sm" fw={500} mb={2}>
                      {t('mail.segments.leaveYear')}
                    </Text>
                    <Group gap={6} wrap="nowrap">
                      {year('leave_year_from', t('mail.segments.from'))}〜{year('leave_year_to', t('mail.segments.to'))}
                    </Group>
                  </div>
                  {multi('departments', t('mail.segments.departments'), facets.data?.departments)}
                  {multi('industries', t('mail.segments.industries'), facets.data?.industries)}
                  {multi('job_types', t('mail.segments.jobTypes'), facets.data?.job_types)}
                  {multi('interests', t('mail.segments.interests'), facets.data?.interests)}
                  {multi('tags', t('mail.segments.tags'), facets.data?.tags)}
                  <TextInput
                    label={t('mail.segments.q')}
                    description={t('mail.segments.qHint')}
                    value={draft.filter.q ?? ''}
                    readOnly={readOnly}
                    onChange={(e) => setFilter({ q: e.currentTarget.value })}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="sm" style={{ position: 'sticky', top: 72 }}>
              <Text fw={700}>{t('mail.segments.liveCount')}</Text>
              {count.error ? <ErrorAlert error={count.error} /> : <CountsView counts={count.data} loading={count.loading} narrow />}
              <Paper withBorder p="sm">
                {!saved && (
                  <Text size="sm" c="dimmed">
                    {t('mail.segments.membersAfterSave')}
                  </Text>
                )}
                {members.data && (
                  <>
                    <Text size="sm" fw={600} mb={4}>
                      {t('mail.segments.members', { count: members.data.items.length })}
                    </Text>
                    <Table fz="sm" verticalSpacing={4} data-testid="segment-members">
                      <Table.Tbody>
                        {members.data.items.map((m) => (
                          <Table.Tr key={m.id}>
                            <Table.Td>
                              <Anchor component={Link} to={alumnusUrl(m.id)} size="sm">
                                {m.name}
                              </Anchor>
                            </Table.Td>
                            <Table.Td c="dimmed">{m.department}</Table.Td>
                            <Table.Td c="dimmed" visibleFrom="sm">
                              {m.leave_date?.slice(0, 4)}
                            </Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  </>
                )}
              </Paper>
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
      {/* Phones: the count stays in sight while the filters scroll by. */}
      {count.data && (
        <Paper
          hiddenFrom="md"
          shadow="md"
          withBorder
          p="xs"
          data-testid="count-bar"
          style={{ position: 'sticky', bottom: 8, marginTop: 'var(--mantine-spacing-md)', zIndex: 5 }}
        >
          <Text size="sm" ta="center">
            {t('mail.segments.countBar', { matched: count.data.matched, reachable: count.data.reachable })}
          </Text>
        </Paper>
      )}
      <ConfirmDialog
        opened={deleting}
        title={t('mail.segments.deleteTitle')}
        confirmLabel={t('common.delete')}
        onConfirm={() => void remove()}
        onClose={() => setDeleting(false)}
      >
        <Text>{t('mail.segments.deleteBody', { name: saved?.name })}</Text>
      </ConfirmDialog>
    </form>
  );
}
