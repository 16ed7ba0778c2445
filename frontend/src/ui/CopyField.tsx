import { Button, Group, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A value to copy once (a password, a token secret): selectable text and a
 * copy button. The clipboard API needs a secure context; over plain http on
 * the office network it falls back to copying the selected text.
 */
export function CopyField({ value, label, testId }: { value: string; label?: string; testId?: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      document.execCommand('copy');
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  }

  return (
    <Group gap="xs" align="flex-end" wrap="nowrap">
      <TextInput
        ref={input}
        label={label}
        value={value}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid={testId}
      />
      <Button onClick={() => void copy()} color={copied ? 'teal' : undefined} miw={96}>
        {copied ? t('common.copied') : t('common.copy')}
      </Button>
    </Group>
  );
}
