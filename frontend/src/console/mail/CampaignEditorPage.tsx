import { Anchor, Button, Grid, Group, Paper, SegmentedControl, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { asApiError, type ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { Campaign, CampaignInput } from '../../api/mailTypes';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { notifyError, notifySuccess, showSaveFailure } from '../../ui/notify';
import { useApi } from '../../ui/useApi';
import { usePermissions, useSession } from '../session';
import { AudiencePicker } from './AudiencePicker';
import { BodyEditor, MergeFieldMenu, useMergeFields } from './BodyEditor';
import { mailUrls } from './mailPaths';
import { PreviewPane, useLivePreview } from './PreviewPane';

const blank: CampaignInput = {
  name: '',
  subject: '',
  body_format: 'markdown',
  body: '',
  from_name: '',
  segment_id: null,
  click_tracking: false,
};

function toInput(c: Campaign): CampaignInput {
  const { name, subject, body_format, body, from_name, segment_id, click_tracking } = c;
  return { name, subject, body_format, body, from_name, segment_id, click_tracking };
}

/** /console/mail/campaigns/new and /console/mail/campaigns/:id/edit. */
export function CampaignEditorPage() {
  const { id = 'new' } = useParams();
  const record = useApi(`campaign:${id}`, (signal) =>
    id === 'new' ? Promise.resolve(undefined) : mailApi.campaign(Number(id), signal),
  );
  if (record.error) return <ErrorAlert error={record.error} onRetry={record.reload} />;
  if (record.loading) return <Loading />;
  return <CampaignEditor key={id} record={record.data} />;
}

function CampaignEditor({ record }: { record: Campaign | undefined }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const can = usePermissions();
  const wide = useMediaQuery('(min-width: 36em)', undefined, { getInitialValueInEffect: false });
  const navigate = useNavigate();
  const fields = useMergeFields().data?.items ?? [];
  const [saved, setSaved] = useState(record);
  const [draft, setDraft] = useState<CampaignInput>(() => (record ? toInput(record) : blank));
  const [failure, setFailure] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [alumnusId, setAlumnusId] = useState<number | null>(null);
  const [testTo, setTestTo] = useState(me?.user.email ?? '');
  const [testing, setTesting] = useState(false);
  const editable = !saved || saved.state === 'draft' || saved.state === 'scheduled';

  const preview = useLivePreview({
    subject: draft.subject,
    body_format: draft.body_format,
    body: draft.body,
    click_tracking: draft.click_tracking,
    alumnus_id: alumnusId,
  });

  const change = (c: Partial<CampaignInput>) => setDraft((d) => ({ ...d, ...c }));
  /** A field's reason: the live preview's template check first, then the last save's. */
  const fieldError = (name: string) =>
    preview.templateError?.fieldText(name, i18n.language) ?? failure?.fieldText(name, i18n.language);

  async function persist(): Promise<Campaign> {
    const result = saved ? await mailApi.updateCampaign(saved.id, draft) : await mailApi.createCampaign(draft);
    setSaved(result);
    setFailure(undefined);
    if (!saved) window.history.replaceState(null, '', mailUrls.editCampaign(result.id));
    return result;
  }

  async function save(e: FormEvent, thenOpen = false) {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await persist();
      notifySuccess(saved ? t('mail.editor.saved') : t('mail.editor.created'));
      if (thenOpen) navigate(mailUrls.campaign(result.id));
    } catch (err) {
      showSaveFailure(err, setFailure);
    } finally {
      setBusy(false);
    }
  }

  async function testSend() {
    setTesting(true);
    try {
      const c = await persist();
      const r = await mailApi.testSend(c.id, testTo.trim() || undefined);
      notifySuccess(t('mail.editor.testSent', { reply: r.reply }));
    } catch (err) {
      const apiErr = asApiError(err);
      setFailure(apiErr);
      notifyError(apiErr);
    } finally {
      setTesting(false);
    }
  }

  const insertSubject = (s: string) => change({ subject: draft.subject + s });
  const subjectFields = <MergeFieldMenu fields={fields} onPick={insertSubject} testId="insert-field-subject" />;
  const fieldReasons = failure && Object.keys(failure.fields).length > 0;

  return (
    <form onSubmit={(e) => void save(e)} noValidate>
      <Stack gap="md">
        <Anchor component={Link} to={saved ? mailUrls.campaign(saved.id) : mailUrls.campaigns} size="sm">
          ← {saved ? t('mail.editor.backDetail') : t('mail.editor.back')}
        </Anchor>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            {saved ? t('mail.editor.editTitle') : t('mail.editor.newTitle')}
          </Title>
          {editable && (
            <Group gap="sm">
              <Button type="submit" variant="default" loading={busy}>
                {t('mail.editor.save')}
              </Button>
              <Button onClick={(e) => void save(e, true)} loading={busy}>
                {t('mail.editor.next')}
              </Button>
            </Group>
          )}
        </Group>
        {fieldReasons && <ErrorAlert error={failure} />}
        {preview.templateError && (
          <Text c="red.7" size="sm" fw={500} role="alert" data-testid="template-error">
            {t('mail.editor.templateError')}
          </Text>
        )}

        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="sm">
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <TextInput
                    label={t('mail.editor.name')}
                    description={t('mail.editor.nameHint')}
                    name="name"
                    withAsterisk
                    value={draft.name}
                    error={failure?.fieldText('name', i18n.language)}
                    onChange={(e) => change({ name: e.currentTarget.value })}
                    readOnly={!editable}
                  />
                  <TextInput
                    label={t('mail.editor.fromName')}
                    description={t('mail.editor.fromNameHint')}
                    name="from_name"
                    value={draft.from_name}
                    error={failure?.fieldText('from_name', i18n.language)}
                    onChange={(e) => change({ from_name: e.currentTarget.value })}
                    readOnly={!editable}
                  />
                  <TextInput
                    label={t('mail.editor.subject')}
                    description={t('mail.editor.subjectHint')}
                    name="subject"
                    withAsterisk
                    value={draft.subject}
                    error={fieldError('subject')}
                    onChange={(e) => change({ subject: e.currentTarget.value })}
                    readOnly={!editable}
                    rightSectionWidth={editable && wide ? 150 : undefined}
                    rightSection={editable && wide ? subjectFields : undefined}
                    data-testid="subject-input"
                  />
                  {editable && !wide && <Group justify="flex-end" mt={-6}>{subjectFields}</Group>}
                  <SegmentedControl
                    aria-label={t('mail.editor.format')}
                    data={[
                      { value: 'markdown', label: t('mail.editor.markdown') },
                      { value: 'html', label: t('mail.editor.html') },
                    ]}
                    value={draft.body_format}
                    onChange={(v) => change({ body_format: v as CampaignInput['body_format'] })}
                    disabled={!editable}
                    size="xs"
                    style={{ alignSelf: 'flex-start' }}
                  />
                  <BodyEditor
                    format={draft.body_format}
                    value={draft.body}
                    error={fieldError('body')}
                    readOnly={!editable}
                    fields={fields}
                    onChange={(body) => change({ body })}
                  />
                </Stack>
              </Paper>
              <Paper withBorder p="md">
                <Stack gap="sm">
                  <AudiencePicker
                    value={draft.segment_id}
                    readOnly={!editable}
                    error={failure?.fieldText('segment_id', i18n.language)}
                    onChange={(segment_id) => change({ segment_id })}
                  />
                  <Switch
                    label={t('mail.editor.clickTracking')}
                    description={t('mail.editor.clickTrackingHint')}
                    checked={draft.click_tracking}
                    onChange={(e) => change({ click_tracking: e.currentTarget.checked })}
                    disabled={!editable}
                  />
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Stack gap="sm" style={{ position: 'sticky', top: 72 }}>
              <PreviewPane
                preview={preview.data}
                error={preview.error}
                loading={preview.loading}
                segmentId={draft.segment_id}
                alumnusId={alumnusId}
                onPickAlumnus={setAlumnusId}
              />
              {can('mail.send') && (
                <TestSendBox to={testTo} onTo={setTestTo} busy={testing} disabled={Boolean(preview.templateError)} onSend={() => void testSend()} />
              )}
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </form>
  );
}

export function TestSendBox({ to, onTo, busy, disabled, onSend }: {
  to: string;
  onTo: (to: string) => void;
  busy: boolean;
  disabled?: boolean;
  onSend: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm">
      <Group gap="xs" align="flex-end" wrap="nowrap">
        <TextInput
          label={t('mail.editor.testTo')}
          type="email"
          value={to}
          onChange={(e) => onTo(e.currentTarget.value)}
          style={{ flex: 1 }}
          size="sm"
        />
        <Button variant="light" onClick={onSend} loading={busy} disabled={disabled} data-testid="test-send">
          {t('mail.editor.testSend')}
        </Button>
      </Group>
    </Paper>
  );
}
