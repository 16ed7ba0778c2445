import { Alert, Group, Loader, Paper, ScrollArea, Select, Stack, Tabs, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/error';
import { mailApi } from '../../api/mailClient';
import type { BodyFormat, Preview } from '../../api/mailTypes';
import { useApi } from '../../ui/useApi';
import { MailFrame } from './parts';

export interface PreviewDraft {
  subject: string;
  body_format: BodyFormat;
  body: string;
  click_tracking: boolean;
  alumnus_id: number | null;
}

/**
 * The editor's live preview: 400 ms after the last change the server renders
 * the draft exactly as it would send it. A broken template comes back as 422
 * with the field at fault, which the editor shows at that field.
 */
export function useLivePreview(draft: PreviewDraft) {
  const [debounced] = useDebouncedValue(draft, 400);
  const empty = !debounced.subject.trim() && !debounced.body.trim();
  const state = useApi(`preview:${JSON.stringify(debounced)}`, (signal) =>
    empty ? Promise.resolve(undefined) : mailApi.preview(debounced, signal),
  );
  const templateError = state.error?.code === 'mail.invalid_template' ? state.error : undefined;
  return { ...state, data: state.error ? undefined : state.data, templateError };
}

interface Props {
  preview: Preview | undefined;
  error: ApiError | undefined;
  loading: boolean;
  segmentId: number | null;
  alumnusId: number | null;
  onPickAlumnus: (id: number | null) => void;
}

/** Who to preview as: the segment's first members, or sample values. */
function RecipientPicker({ segmentId, alumnusId, onPick }: { segmentId: number | null; alumnusId: number | null; onPick: Props['onPickAlumnus'] }) {
  const { t } = useTranslation();
  const members = useApi(`members:${segmentId}`, (signal) =>
    segmentId ? mailApi.members(segmentId, 0, 50, signal) : Promise.resolve(undefined),
  );
  const data = [
    { value: '', label: t('mail.editor.previewSample') },
    ...(members.data?.items ?? []).map((m) => ({ value: String(m.id), label: `${m.name}（${m.email || '—'}）` })),
  ];
  return (
    <Select
      label={t('mail.editor.previewFor')}
      data={data}
      value={alumnusId ? String(alumnusId) : ''}
      onChange={(v) => onPick(v ? Number(v) : null)}
      searchable
      allowDeselect={false}
      size="xs"
      comboboxProps={{ withinPortal: true }}
      data-testid="preview-recipient"
    />
  );
}

export function PreviewPane({ preview, error, loading, segmentId, alumnusId, onPickAlumnus }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" data-testid="preview-pane">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={700}>{t('mail.editor.preview')}</Text>
          {loading && <Loader size="xs" />}
        </Group>
        <RecipientPicker segmentId={segmentId} alumnusId={alumnusId} onPick={onPickAlumnus} />
        {error && (
          <Alert color="red" variant="light" role="alert" data-testid="preview-error">
            {error.code === 'mail.invalid_template' ? t('mail.editor.templateError') : error.text(i18n.language)}
          </Alert>
        )}
        {!preview && !error && (
          <Text size="sm" c="dimmed">
            {t('mail.editor.previewEmpty')}
          </Text>
        )}
        {preview && (
          <>
            <div>
              <Text size="xs" c="dimmed">
                {preview.recipient
                  ? t('mail.editor.previewTo', { name: preview.recipient.name, email: preview.recipient.email })
                  : t('mail.editor.previewSampleNote')}
              </Text>
              <Text fw={600} data-testid="preview-subject">
                {preview.subject}
              </Text>
            </div>
            <Tabs defaultValue="html" keepMounted={false}>
              <Tabs.List>
                <Tabs.Tab value="html">{t('mail.editor.previewHtml')}</Tabs.Tab>
                <Tabs.Tab value="text">{t('mail.editor.previewText')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="html" pt="xs">
                <MailFrame html={preview.html} title={t('mail.editor.preview')} />
              </Tabs.Panel>
              <Tabs.Panel value="text" pt="xs">
                <ScrollArea h={520}>
                  <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'var(--mantine-font-family-monospace)' }}>
                    {preview.text}
                  </Text>
                </ScrollArea>
              </Tabs.Panel>
            </Tabs>
          </>
        )}
      </Stack>
    </Paper>
  );
}
