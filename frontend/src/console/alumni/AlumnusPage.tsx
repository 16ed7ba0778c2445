import { Alert, Anchor, Box, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { asApiError, type ApiError } from '../../api/error';
import type { Alumnus, AlumnusInput, Company } from '../../api/types';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess, showSaveFailure } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { ConsentPanel } from '../mail/ConsentPanel';
import { PortalMemberPanel } from '../portalAccess/PortalMemberPanel';
import { InvitationPanel } from '../invitations/InvitationPanel';
import { alumnusUrl } from '../paths';
import { PortalProfilePanel } from '../profiles/PortalProfilePanel';
import { usePermissions } from '../session';
import { alumniListUrl } from './alumniQuery';
import { AlumnusForm } from './AlumnusForm';

const hrOnly = ['leave_reason', 'rehire_eligibility', 'notes'] as const;

const blank: AlumnusInput = {
  company_id: 0,
  employee_number: '',
  name: '',
  name_reading: '',
  email: '',
  other_emails: [],
  department: '',
  position: '',
  join_date: '',
  leave_date: '',
  leave_reason: '',
  rehire_eligibility: 'unknown',
  current_employer: '',
  industry: '',
  job_type: '',
  skills: [],
  interests: [],
  tags: [],
  former_manager: '',
  notes: '',
};

function toInput(a: Alumnus): AlumnusInput {
  const input = { ...blank };
  for (const key of Object.keys(blank) as (keyof AlumnusInput)[]) {
    Object.assign(input, { [key]: a[key] ?? blank[key] });
  }
  return input;
}

/** /console/alumni/:id shows and edits one alumnus; /console/alumni/new adds one. */
export function AlumnusPage() {
  const { id = '' } = useParams();
  const isNew = id === 'new';
  const record = useApi(`alumnus:${id}`, (signal) =>
    isNew ? Promise.resolve(undefined) : api.alumnus(Number(id), signal),
  );
  const companies = useApi('companies', (signal) => api.companies(signal));

  if (record.error) return <ErrorAlert error={record.error} onRetry={record.reload} />;
  if (companies.error) return <ErrorAlert error={companies.error} onRetry={companies.reload} />;
  if (record.loading || !companies.data) return <Loading />;
  return <AlumnusEditor key={id} record={record.data} companies={companies.data.items} />;
}

function AlumnusEditor({ record, companies }: { record: Alumnus | undefined; companies: Company[] }) {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const navigate = useNavigate();
  const listUrl = alumniListUrl();
  const [saved, setSaved] = useState(record);
  const [draft, setDraft] = useState<AlumnusInput>(() =>
    record ? toInput(record) : { ...blank, company_id: companies[0]?.id ?? 0 },
  );
  const [failure, setFailure] = useState<ApiError>();
  // Fields edited since the last failed save: their old reasons no longer apply.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [confirmOpen, confirm] = useDisclosure();
  const showPrivate = can('alumni.read_private');
  const readOnly = !can('alumni.write');

  const fieldErrors = Object.keys(failure?.fields ?? {}).filter((f) => !edited.has(f));
  const errors = Object.fromEntries(fieldErrors.map((f) => [f, failure!.fieldText(f, i18n.language)!]));

  function change(changes: Partial<AlumnusInput>) {
    setDraft((d) => ({ ...d, ...changes }));
    setEdited((prev) => new Set([...prev, ...Object.keys(changes)]));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    // Without the right to read HR-only fields the user cannot have changed them.
    const payload: Partial<AlumnusInput> = { ...draft };
    if (!showPrivate) for (const f of hrOnly) delete payload[f];
    try {
      if (!saved) {
        // The new record's own page takes over from here.
        const created = await api.createAlumnus(payload);
        notifySuccess(t('alumnus.created'));
        navigate(alumnusUrl(created.id), { replace: true });
        return;
      }
      const result = await api.updateAlumnus(saved.id, payload);
      setFailure(undefined);
      setSaved(result);
      setDraft(toInput(result));
      notifySuccess(t('alumnus.saved'));
    } catch (err) {
      showSaveFailure(err, setFailure);
      setEdited(new Set());
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!saved) return;
    setBusy(true);
    try {
      await api.deleteAlumnus(saved.id);
      notifySuccess(t('alumnus.deleted'));
      navigate(listUrl);
    } catch (err) {
      notifyError(asApiError(err));
      setBusy(false);
      confirm.close();
    }
  }

  return (
    <>
    <form onSubmit={save} noValidate>
      <Stack gap="md" maw={960}>
        <Anchor component={Link} to={listUrl} size="sm">
          ← {t('alumnus.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <div>
            {saved ? (
              <>
                <Text size="sm" c="dimmed">
                  {saved.name_reading}
                </Text>
                <Title order={2} size="h3">
                  {saved.name}
                </Title>
                <Text size="xs" c="dimmed" mt={4}>
                  {saved.company_name} ・ {t('fields.created_at')} {formatDateTime(saved.created_at, i18n.language)} ・{' '}
                  {t('fields.updated_at')} {formatDateTime(saved.updated_at, i18n.language)}
                </Text>
              </>
            ) : (
              <Title order={2} size="h3">
                {t('alumnus.newTitle')}
              </Title>
            )}
          </div>
          {!readOnly && (
            <Group gap="sm">
              {saved && can('alumni.delete') && (
                <Button variant="subtle" color="red" onClick={confirm.open}>
                  {t('common.delete')}
                </Button>
              )}
              <Button type="submit" loading={busy}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Group>

        {readOnly && <Alert color="gray">{t('alumnus.readOnly')}</Alert>}
        {failure && Object.keys(failure.fields).length > 0 && <ErrorAlert error={failure} />}

        <AlumnusForm
          draft={draft}
          errors={errors}
          companies={companies}
          readOnly={readOnly}
          showPrivate={showPrivate}
          onChange={change}
        />

        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Group>
        )}
      </Stack>

      <ConfirmDialog
        opened={confirmOpen}
        title={t('alumnus.deleteTitle')}
        confirmLabel={t('common.delete')}
        busy={busy}
        onConfirm={() => void remove()}
        onClose={confirm.close}
      >
        <Text>{t('alumnus.deleteBody', { name: saved?.name })}</Text>
      </ConfirmDialog>
    </form>
    {/* Outside the form: the consent dialog's own form must not submit the record. */}
    {saved && (
      <Box maw={960} mt="md">
        <ConsentPanel alumnusId={saved.id} />
        <Box mt="md">
          <PortalMemberPanel alumnusId={saved.id} />
        </Box>
        <Box mt="md">
          <InvitationPanel alumnusId={saved.id} />
        </Box>
        <PortalProfilePanel alumnusId={saved.id} />
      </Box>
    )}
    </>
  );
}
