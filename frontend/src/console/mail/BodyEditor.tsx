import { ActionIcon, Button, Group, Menu, Paper, Popover, Text, Textarea, Tooltip } from '@mantine/core';
import { useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { mailApi } from '../../api/mailClient';
import type { BodyFormat, MergeField } from '../../api/mailTypes';
import { useApi } from '../../ui/useApi';

function LinkIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
      <path d="M6.5 9.5a3 3 0 0 0 4.2 0l2.3-2.3a3 3 0 0 0-4.2-4.2L7.6 4.2" />
      <path d="M9.5 6.5a3 3 0 0 0-4.2 0L3 8.8a3 3 0 0 0 4.2 4.2l1.2-1.2" />
    </svg>
  );
}

/** The merge fields the server knows, loaded once per page. */
export function useMergeFields() {
  return useApi('merge-fields', (signal) => mailApi.mergeFields(signal));
}

/** A menu of merge fields; picking one inserts `{{名前}}`. */
export function MergeFieldMenu({ fields, onPick, testId }: { fields: MergeField[]; onPick: (text: string) => void; testId: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <Button size="compact-sm" variant="light" data-testid={testId}>
            {t('mail.editor.insertField')} ▾
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {fields.map((f) => (
            <Menu.Item key={f.name} onClick={() => onPick(`{{${f.name}}}`)} rightSection={<Text size="xs" c="dimmed">{f.sample}</Text>}>
              {`{{${f.name}}}`}
              {i18n.language.startsWith('en') && (
                <Text span size="xs" c="dimmed" ml={6}>
                  {f.label_en}
                </Text>
              )}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Popover width={320} withinPortal position="bottom-end" shadow="md">
        <Popover.Target>
          <ActionIcon variant="subtle" size="sm" aria-label={t('mail.editor.fieldsHelp')}>
            ?
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <Text size="sm">{t('mail.editor.fieldsHelp')}</Text>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}

interface Props {
  format: BodyFormat;
  value: string;
  error?: string;
  readOnly?: boolean;
  fields: MergeField[];
  onChange: (body: string) => void;
}

/** Markdown with a small toolbar: bold, heading, list, link and merge fields, inserted at the cursor. */
export function BodyEditor({ format, value, error, readOnly, fields, onChange }: Props) {
  const md = format === 'markdown';
  const { t } = useTranslation();
  const area = useRef<HTMLTextAreaElement>(null);

  function wrap(before: string, after = '', linePrefix = false) {
    const el = area.current;
    const start = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? value.length;
    let insertAt = start;
    if (linePrefix) insertAt = value.lastIndexOf('\n', start - 1) + 1;
    const selected = value.slice(start, end);
    const next = linePrefix
      ? value.slice(0, insertAt) + before + value.slice(insertAt)
      : value.slice(0, start) + before + selected + after + value.slice(end);
    onChange(next);
    const caret = linePrefix ? end + before.length : start + before.length + selected.length;
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  }

  const tool = (label: string, text: ReactNode, run: () => void) => (
    <Tooltip label={label} withinPortal>
      <Button size="compact-sm" variant="default" onClick={run} aria-label={label} disabled={readOnly}>
        {text}
      </Button>
    </Tooltip>
  );

  return (
    <div>
      <Group justify="space-between" mb={4} gap="xs">
        <Text size="sm" fw={500}>
          {md ? t('mail.editor.body') : t('mail.editor.bodyHtml')}
        </Text>
        <Group gap={4}>
          {tool(t('mail.editor.bold'), 'B', () => (md ? wrap('**', '**') : wrap('<strong>', '</strong>')))}
          {tool(t('mail.editor.heading'), 'H', () => (md ? wrap('## ', '', true) : wrap('<h2>', '</h2>')))}
          {tool(t('mail.editor.list'), '・', () => (md ? wrap('- ', '', true) : wrap('<ul>\n  <li>', '</li>\n</ul>')))}
          {tool(t('mail.editor.link'), <LinkIcon />, () => (md ? wrap('[', '](https://)') : wrap('<a href="https://">', '</a>')))}
          {!readOnly && <MergeFieldMenu fields={fields} onPick={(s) => wrap(s)} testId="insert-field-body" />}
        </Group>
      </Group>
      <Paper>
        <Textarea
          ref={area}
          aria-label={md ? t('mail.editor.body') : t('mail.editor.bodyHtml')}
          name="body"
          value={value}
          onChange={(e) => onChange(e.currentTarget.value)}
          autosize
          minRows={14}
          maxRows={30}
          error={error}
          readOnly={readOnly}
          description={md ? t('mail.editor.bodyHint') : t('mail.editor.bodyHtmlHint')}
          inputWrapperOrder={['input', 'error', 'description']}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 14, lineHeight: 1.6 } }}
          data-testid="body-input"
        />
      </Paper>
    </div>
  );
}
