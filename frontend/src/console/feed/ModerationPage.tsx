import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { ApiError } from '../../api/error';

interface Report {
  id: number;
  target_kind: 'post' | 'comment';
  target_id: number;
  reporter: string;
  reason: string;
  created_at: string;
  author: string;
  excerpt: string;
  hidden: boolean;
}

const moderate = (r: Report, action: 'hide' | 'restore' | 'delete', note: string) =>
  request<void>('/api/feed/moderation', {
    method: 'POST',
    json: { target_kind: r.target_kind, target_id: r.target_id, action, note },
  });

/** HR's moderation queue: reported posts and comments, hide / restore / delete (audited by the server). */
export default function ModerationPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<Report[] | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [error, setError] = useState('');
  const load = () =>
    request<{ items: Report[] }>('/api/feed/reports').then(
      (r) => setItems(r.items),
      (e) => setError(e instanceof ApiError ? e.text(i18n.language) : t('errors.unexpected')),
    );
  useEffect(() => {
    load();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const act = async (r: Report, action: 'hide' | 'restore' | 'delete') => {
    try {
      await moderate(r, action, notes[r.id] ?? '');
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.text(i18n.language) : t('errors.unexpected'));
    }
  };
  return (
    <Stack>
      <Title order={2}>{t('feed.moderation.title')}</Title>
      {error && <Alert color="red">{error}</Alert>}
      {items?.length === 0 && <Text c="dimmed">{t('feed.moderation.empty')}</Text>}
      {items?.map((r) => (
        <Card key={r.id} withBorder data-testid="report">
          <Group justify="space-between">
            <Group gap="xs">
              <Badge>{t(`feed.moderation.${r.target_kind}`)}</Badge>
              <Text fw={700}>{r.author}</Text>
            </Group>
            <Text size="xs" c="dimmed">
              {new Date(r.created_at).toLocaleString()}
            </Text>
          </Group>
          <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {r.excerpt}
          </Text>
          <Text size="sm" c="red.8" mt="xs">
            {t('feed.moderation.reason', { reporter: r.reporter, reason: r.reason })}
          </Text>
          <TextInput
            mt="sm"
            label={t('feed.moderation.note')}
            value={notes[r.id] ?? ''}
            onChange={(e) => setNotes({ ...notes, [r.id]: e.currentTarget.value })}
          />
          <Group mt="sm" gap="xs">
            <Button color="orange" onClick={() => act(r, 'hide')}>
              {t('feed.moderation.hide')}
            </Button>
            <Button variant="light" onClick={() => act(r, 'restore')}>
              {t('feed.moderation.restore')}
            </Button>
            <Button color="red" variant="light" onClick={() => act(r, 'delete')}>
              {t('common.delete')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
