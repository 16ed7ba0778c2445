import { Button, Group, Paper, Text, Textarea } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchMembers, type Card } from '../profile/api';

/** A member picked with @: the text holds "@name", the id goes with the post for the notification. */
export interface Mention {
  id: number;
  name: string;
}

/** What a composer holds: the text and the members picked in it. */
export interface MentionText {
  text: string;
  picked: Mention[];
}

export const emptyText: MentionText = { text: '', picked: [] };

/** The ids of the picked members whose "@name" is still in the text. */
export function mentionIds(v: MentionText): number[] {
  return [...new Set(v.picked.filter((p) => v.text.includes(`@${p.name}`)).map((p) => p.id))];
}

const typing = /(?:^|\s)@([^\s@]{1,20})$/;

/**
 * A text box that suggests members (from the directory, only what they
 * show) when one types @ and a few characters; picking one writes
 * "@name " and remembers the id for mentionIds.
 */
export function MentionInput({
  value,
  onChange,
  label,
  placeholder,
  minRows = 1,
}: {
  value: MentionText;
  onChange: (v: MentionText) => void;
  label: string;
  placeholder?: string;
  minRows?: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [query, setQuery] = useState<string | null>(null);
  const [found, setFound] = useState<Card[]>([]);
  const [active, setActive] = useState(0);
  useEffect(() => {
    if (!query) {
      setFound([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      searchMembers({ q: query, limit: 5 }).then(
        (r) => {
          if (!live) return;
          setFound(r.items);
          setActive(0);
        },
        () => live && setFound([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query]);
  const change = (text: string, caret: number) => {
    setQuery(text.slice(0, caret).match(typing)?.[1] ?? null);
    onChange({ ...value, text });
  };
  const pick = (c: Card) => {
    const caret = ref.current?.selectionStart ?? value.text.length;
    const before = value.text.slice(0, caret).replace(/@([^\s@]{1,20})$/, `@${c.name} `);
    const text = before + value.text.slice(caret);
    onChange({ text, picked: [...value.picked, { id: c.id, name: c.name }] });
    setQuery(null);
    requestAnimationFrame(() => {
      ref.current?.focus();
      ref.current?.setSelectionRange(before.length, before.length);
    });
  };
  return (
    <div>
      <Textarea
        ref={ref}
        label={label}
        placeholder={placeholder}
        value={value.text}
        onChange={(e) => change(e.currentTarget.value, e.currentTarget.selectionStart ?? e.currentTarget.value.length)}
        onKeyDown={(e) => {
          if (!query || found.length === 0) return;
          if (e.key === 'Escape') setQuery(null);
          else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
          } else if (e.key === 'Enter' || e.key === 'Tab') {
            e.preventDefault();
            pick(found[active] ?? found[0]);
          }
        }}
        autosize
        minRows={minRows}
        description={minRows > 1 ? t('feedux.mentionHint') : undefined}
      />
      {query && found.length > 0 && (
        <Paper withBorder shadow="sm" p={4} mt={4} role="listbox" aria-label={t('feedux.mentionList')} data-testid="mention-list">
          {found.map((c, i) => (
            <Button
              key={c.id}
              role="option"
              aria-selected={i === active}
              variant={i === active ? 'light' : 'subtle'}
              fullWidth
              justify="flex-start"
              size="compact-sm"
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(c)}
            >
              <Group gap={6} wrap="nowrap">
                <Text size="sm" fw={600}>
                  {c.name}
                </Text>
                {c.company && (
                  <Text size="xs" c="dimmed" truncate>
                    {c.company}
                  </Text>
                )}
              </Group>
            </Button>
          ))}
        </Paper>
      )}
    </div>
  );
}
