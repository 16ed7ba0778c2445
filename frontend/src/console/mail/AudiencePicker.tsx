import { Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mailApi } from '../../api/mailClient';
import { useApi } from '../../ui/useApi';
import { usePermissions } from '../session';
import { mailUrls } from './mailPaths';
import { CountsView } from './parts';

/** The campaign's audience: a saved segment, with who it reaches right now. */
export function AudiencePicker({ value, readOnly, error, onChange }: {
  value: number | null;
  readOnly?: boolean;
  error?: string;
  onChange: (id: number | null) => void;
}) {
  const { t } = useTranslation();
  const can = usePermissions();
  const list = useApi('segments', (signal) => mailApi.segments(signal));
  // The chosen segment again, for counts as of now rather than as listed.
  const chosen = useApi(`segment:${value}`, (signal) => (value ? mailApi.segment(value, signal) : Promise.resolve(undefined)));
  const items = list.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Select
        label={t('mail.editor.audience')}
        placeholder={t('mail.editor.audiencePick')}
        data={items.map((s) => ({ value: String(s.id), label: s.count ? `${s.name}（${t('mail.audience.people', { count: s.count.reachable })}）` : s.name }))}
        value={value ? String(value) : null}
        onChange={(v) => onChange(v ? Number(v) : null)}
        readOnly={readOnly}
        error={error}
        withAsterisk
        comboboxProps={{ withinPortal: true }}
        data-testid="audience-select"
      />
      {list.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('mail.editor.audienceNone')}
        </Text>
      )}
      {value && <CountsView counts={chosen.data?.count} loading={chosen.loading} />}
      {can('mail.write') && !readOnly && (
        <Group justify="flex-end">
          <Anchor component={Link} to={mailUrls.segment('new')} size="sm">
            ＋ {t('mail.editor.newSegment')}
          </Anchor>
        </Group>
      )}
    </Stack>
  );
}
