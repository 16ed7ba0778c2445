import { Alert, Badge, Button, Card, Checkbox, Group, Select, Stack, Text, Textarea, TextInput, Title, Typography } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client';
import { ApiError } from '../../api/error';
import { ImageButton, withImage } from '../../ui/ImageButton';

/** Uploads an image for a company post (POST /api/feed/images). */
function uploadImage(file: File) {
  const form = new FormData();
  form.append('image', file);
  return request<{ markdown: string }>('/api/feed/images', { method: 'POST', form });
}

const kinds = ['news', 'press', 'executive', 'comeback', 'policy'] as const;

interface CompanyPost {
  id: number;
  kind: (typeof kinds)[number];
  title: string;
  body?: string;
  executive_name?: string;
  segment_id?: number;
  pinned: boolean;
  draft: boolean;
  publish_at: string;
}

interface Draft {
  kind: string;
  title: string;
  body: string;
  executive_name: string;
  segment_id: number;
  pinned: boolean;
  draft: boolean;
  publish_at: string;
}

const empty: Draft = { kind: 'news', title: '', body: '', executive_name: '', segment_id: 0, pinned: false, draft: true, publish_at: '' };

/** An ISO time as the value of a datetime-local input (local time, minutes). */
function localInput(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** HR's company posts: write with a preview, target a segment, schedule, pin, keep as a draft. */
export default function CompanyPostsPage() {
  const { t, i18n } = useTranslation();
  const [items, setItems] = useState<CompanyPost[]>([]);
  const [segments, setSegments] = useState<{ value: string; label: string }[]>([]);
  const [d, setD] = useState<Draft>(empty);
  const [editing, setEditing] = useState(0);
  const [preview, setPreview] = useState('');
  const [error, setError] = useState('');
  const fail = (e: unknown) => setError(e instanceof ApiError ? e.text(i18n.language) : t('errors.unexpected'));
  const load = () => request<{ items: CompanyPost[] }>('/api/feed/posts').then((r) => setItems(r.items), fail);
  useEffect(() => {
    load();
    request<{ items: { id: number; name: string }[] }>('/api/segments').then(
      (r) => setSegments(r.items.map((s) => ({ value: String(s.id), label: s.name }))),
      () => setSegments([]),
    );
  }, []); // eslint-disable-line react-hooks/exhaustive-deps
  const save = async () => {
    const json = { ...d, publish_at: d.publish_at ? new Date(d.publish_at).toISOString() : '' };
    try {
      if (editing) await request(`/api/feed/posts/${editing}`, { method: 'PUT', json });
      else await request('/api/feed/posts', { method: 'POST', json });
      setD(empty);
      setEditing(0);
      setPreview('');
      setError('');
      load();
    } catch (e) {
      fail(e);
    }
  };
  const showPreview = () =>
    request<{ html: string }>('/api/feed/preview', { method: 'POST', json: { body: d.body } }).then((r) => setPreview(r.html), fail);
  return (
    <Stack>
      <Title order={2}>{t('feed.company.title')}</Title>
      <Card withBorder data-testid="company-post-form">
        <Stack gap="xs">
          <Group grow align="flex-start">
            <Select
              label={t('feed.company.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`feed.kind.${k}`) }))}
              value={d.kind}
              onChange={(v) => setD({ ...d, kind: v ?? 'news' })}
              allowDeselect={false}
            />
            <Select
              label={t('feed.company.audience')}
              data={[{ value: '0', label: t('feed.company.everyone') }, ...segments]}
              value={String(d.segment_id)}
              onChange={(v) => setD({ ...d, segment_id: Number(v ?? 0) })}
              allowDeselect={false}
            />
          </Group>
          <TextInput label={t('feed.company.postTitle')} value={d.title} onChange={(e) => setD({ ...d, title: e.currentTarget.value })} />
          {d.kind === 'executive' && (
            <TextInput
              label={t('feed.company.executive')}
              value={d.executive_name}
              onChange={(e) => setD({ ...d, executive_name: e.currentTarget.value })}
            />
          )}
          <Textarea
            label={t('feed.company.body')}
            autosize
            minRows={4}
            value={d.body}
            onChange={(e) => setD({ ...d, body: e.currentTarget.value })}
          />
          <Group>
            <ImageButton upload={uploadImage} onImage={(md) => setD((x) => ({ ...x, body: withImage(x.body, md) }))} onError={fail} />
          </Group>
          <TextInput
            type="datetime-local"
            label={t('feed.company.publishAt')}
            value={d.publish_at}
            onChange={(e) => setD({ ...d, publish_at: e.currentTarget.value })}
          />
          <Group>
            <Checkbox label={t('feed.pinned')} checked={d.pinned} onChange={(e) => setD({ ...d, pinned: e.currentTarget.checked })} />
            <Checkbox label={t('feed.company.draft')} checked={d.draft} onChange={(e) => setD({ ...d, draft: e.currentTarget.checked })} />
          </Group>
          {error && <Alert color="red">{error}</Alert>}
          <Group justify="flex-end">
            <Button variant="light" onClick={showPreview} disabled={!d.body.trim()}>
              {t('feed.company.preview')}
            </Button>
            <Button onClick={save}>{t('common.save')}</Button>
          </Group>
          {preview && (
            <Card withBorder bg="gray.0">
              <Typography>
                <div dangerouslySetInnerHTML={{ __html: preview }} />
              </Typography>
            </Card>
          )}
        </Stack>
      </Card>
      {items.map((p) => (
        <Card key={p.id} withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap">
            <div>
              <Group gap="xs">
                <Badge variant="light">{t(`feed.kind.${p.kind}`)}</Badge>
                {p.pinned && <Badge color="yellow">{t('feed.pinned')}</Badge>}
                {p.draft && <Badge color="gray">{t('feed.company.draft')}</Badge>}
                {!p.draft && new Date(p.publish_at) > new Date() && <Badge color="grape">{t('feed.company.scheduled')}</Badge>}
              </Group>
              <Text fw={700} mt={4}>
                {p.title}
              </Text>
              <Text size="xs" c="dimmed">
                {new Date(p.publish_at).toLocaleString()}
              </Text>
            </div>
            <Button
              variant="light"
              size="xs"
              onClick={() => {
                setEditing(p.id);
                setD({
                  kind: p.kind,
                  title: p.title,
                  body: p.body ?? '',
                  executive_name: p.executive_name ?? '',
                  segment_id: p.segment_id ?? 0,
                  pinned: p.pinned,
                  draft: p.draft,
                  publish_at: localInput(p.publish_at),
                });
                window.scrollTo(0, 0);
              }}
            >
              {t('feed.company.edit')}
            </Button>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
