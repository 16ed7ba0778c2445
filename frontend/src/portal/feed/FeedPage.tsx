import { Alert, Badge, Button, Card, Group, Stack, Text, Textarea, TextInput, Title, Typography } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/error';
import { type FeedComment, type FeedPost, feedApi, reactions } from './feedApi';
import { Spaces } from './Spaces';

function useErrorText() {
  const { t, i18n } = useTranslation();
  return (err: unknown) =>
    err instanceof ApiError ? err.text(i18n.language) : t('errors.unexpected');
}

function Comments({ post, onCount }: { post: FeedPost; onCount: (n: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [list, setList] = useState<FeedComment[] | null>(null);
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    feedApi.post(post.id).then((r) => setList(r.comments), (e) => setError(errorText(e)));
  }, [post.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const send = async () => {
    try {
      const c = await feedApi.comment(post.id, body);
      const next = [...(list ?? []), c];
      setList(next);
      onCount(next.length);
      setBody('');
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack gap="xs" mt="sm" data-testid="comments">
      {list?.map((c) => (
        <Card key={c.id} withBorder padding="xs" radius="sm" bg="gray.0">
          <Text size="xs" fw={700}>
            {c.author_name}
          </Text>
          <Typography fz="sm">
            <div dangerouslySetInnerHTML={{ __html: c.body_html }} />
          </Typography>
        </Card>
      ))}
      {error && <Alert color="red">{error}</Alert>}
      <Group gap="xs" wrap="nowrap">
        <TextInput
          flex={1}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          placeholder={t('feed.commentPlaceholder')}
          aria-label={t('feed.commentPlaceholder')}
        />
        <Button onClick={send} disabled={!body.trim()}>
          {t('feed.comment')}
        </Button>
      </Group>
    </Stack>
  );
}

function PostCard({ initial }: { initial: FeedPost }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [post, setPost] = useState(initial);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const react = async (r: string) => {
    try {
      const { on } = await feedApi.react(post.id, r);
      const count = (post.reactions[r] ?? 0) + (on ? 1 : -1);
      setPost({
        ...post,
        reactions: { ...post.reactions, [r]: count },
        my_reactions: on ? [...post.my_reactions, r] : post.my_reactions.filter((x) => x !== r),
      });
    } catch (e) {
      setNotice(errorText(e));
    }
  };
  const report = async () => {
    const reason = window.prompt(t('feed.reportReason'));
    if (!reason) return;
    try {
      await feedApi.report('post', post.id, reason);
      setNotice(t('feed.reported'));
    } catch (e) {
      setNotice(errorText(e));
    }
  };
  return (
    <Card withBorder radius="md" padding="md" data-testid="post" data-post-id={post.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap="xs">
            <Badge variant="light" color={post.kind === 'alumni' ? 'teal' : 'indigo'}>
              {t(`feed.kind.${post.kind}`)}
            </Badge>
            {post.pinned && <Badge color="yellow">{t('feed.pinned')}</Badge>}
          </Group>
          {post.title && (
            <Title order={4} mt={6}>
              {post.title}
            </Title>
          )}
          <Text size="xs" c="dimmed">
            {[post.author_name, new Date(post.publish_at).toLocaleString()].filter(Boolean).join(' · ')}
          </Text>
        </div>
        <Button variant="subtle" size="compact-xs" color="gray" onClick={report}>
          {t('feed.report')}
        </Button>
      </Group>
      {post.hidden && (
        <Alert color="orange" mt="xs">
          {t('feed.hiddenNote', { note: post.hidden_note ?? '' })}
        </Alert>
      )}
      <Typography mt="xs">
        <div dangerouslySetInnerHTML={{ __html: post.body_html }} />
      </Typography>
      <Group gap={6} mt="xs">
        {reactions.map((r) => (
          <Button
            key={r}
            size="compact-xs"
            variant={post.my_reactions.includes(r) ? 'filled' : 'light'}
            onClick={() => react(r)}
          >
            {t(`feed.reaction.${r}`)} {post.reactions[r] ?? 0}
          </Button>
        ))}
        <Button size="compact-xs" variant="subtle" onClick={() => setOpen(!open)}>
          {t('feed.comments', { count: post.comments })}
        </Button>
      </Group>
      {notice && (
        <Text size="sm" c="dimmed" mt="xs">
          {notice}
        </Text>
      )}
      {open && <Comments post={post} onCount={(n) => setPost((p) => ({ ...p, comments: n }))} />}
    </Card>
  );
}

/** The portal feed: company posts for me, my spaces' posts and the network's posts. */
export default function FeedPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [posts, setPosts] = useState<FeedPost[]>([]);
  const [pinned, setPinned] = useState<FeedPost[]>([]);
  const [next, setNext] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState('');
  const load = useCallback(
    async (before?: string) => {
      try {
        const pg = await feedApi.page(before);
        if (!before) setPinned(pg.pinned);
        setPosts((old) => (before ? [...old, ...pg.posts] : pg.posts));
        setNext(pg.next);
        setLoaded(true);
      } catch (e) {
        setError(errorText(e));
      }
    },
    [], // eslint-disable-line react-hooks/exhaustive-deps
  );
  useEffect(() => {
    load();
  }, [load]);
  const submit = async () => {
    try {
      await feedApi.create(body);
      setBody('');
      setError('');
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack gap="md">
      <Title order={2}>{t('feed.title')}</Title>
      <Card withBorder radius="md">
        <Textarea
          label={t('feed.composer')}
          placeholder={t('feed.composerPlaceholder')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          autosize
          minRows={2}
        />
        <Group justify="flex-end" mt="xs">
          <Button onClick={submit} disabled={!body.trim()}>
            {t('feed.post')}
          </Button>
        </Group>
      </Card>
      {error && <Alert color="red">{error}</Alert>}
      <Spaces onChange={() => load()} />
      {[...pinned, ...posts].map((p) => (
        <PostCard key={p.id} initial={p} />
      ))}
      {loaded && pinned.length + posts.length === 0 && <Text c="dimmed">{t('feed.empty')}</Text>}
      {next && (
        <Button variant="light" onClick={() => load(next)}>
          {t('feed.more')}
        </Button>
      )}
    </Stack>
  );
}
