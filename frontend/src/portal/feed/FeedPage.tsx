import { Alert, Badge, Button, Card, Group, Stack, Text, Title, Typography } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/error';
import { usePortalSession } from '../access/session';
import { ConfirmDelete, ReportDialog } from './Dialogs';
import { type FeedComment, type FeedPost, feedApi, reactions } from './feedApi';
import { ImageButton, withImage } from '../../ui/ImageButton';
import { emptyText, MentionInput, mentionIds, type MentionText } from './MentionInput';
import classes from './feed.module.css';
import { Spaces } from './Spaces';

function useErrorText() {
  const { t, i18n } = useTranslation();
  return (err: unknown) =>
    err instanceof ApiError ? err.text(i18n.language) : t('errors.unexpected');
}

/** The buttons under my own post or comment, and the report button under others'. */
function OwnActions({ mine, onEdit, onDelete, onReport }: { mine: boolean; onEdit: () => void; onDelete: () => void; onReport: () => void }) {
  const { t } = useTranslation();
  if (!mine) {
    return (
      <Button variant="subtle" size="compact-xs" color="gray" onClick={onReport} style={{ flexShrink: 0 }}>
        {t('feed.report')}
      </Button>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
      <Button variant="subtle" size="compact-xs" onClick={onEdit}>
        {t('feedux.edit')}
      </Button>
      <Button variant="subtle" size="compact-xs" color="red" onClick={onDelete}>
        {t('feedux.delete')}
      </Button>
    </Group>
  );
}

/** An editor in place of a post or comment: the text with mentions, an image button for posts. */
function Editor({ initial, label, images, onSave, onCancel }: {
  initial: string;
  label: string;
  images: boolean;
  onSave: (v: MentionText) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [v, setV] = useState<MentionText>({ text: initial, picked: [] });
  const [error, setError] = useState('');
  const save = () => onSave(v).catch((e) => setError(errorText(e)));
  return (
    <Stack gap="xs" mt="xs">
      <MentionInput label={label} value={v} onChange={setV} minRows={2} />
      {error && <Alert color="red">{error}</Alert>}
      <Group justify="space-between">
        {images ? <ImageButton upload={feedApi.uploadImage} onImage={(md) => setV({ ...v, text: withImage(v.text, md) })} onError={(e) => setError(errorText(e))} /> : <span />}
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={onCancel}>
            {t('feedux.cancel')}
          </Button>
          <Button size="xs" onClick={save} disabled={!v.text.trim()}>
            {t('feedux.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}

function EditedMark({ edited }: { edited: boolean }) {
  const { t } = useTranslation();
  return edited ? (
    <Text span size="xs" c="dimmed" data-testid="edited">
      {' '}
      · {t('feedux.edited')}
    </Text>
  ) : null;
}

function CommentItem({ c, onChange, onRemove, onNotice, onError }: {
  c: FeedComment;
  onChange: (c: FeedComment) => void;
  onRemove: () => void;
  onNotice: (s: string) => void;
  onError: (s: string) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { member } = usePortalSession();
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [reporting, setReporting] = useState(false);
  const remove = async () => {
    setConfirm(false);
    try {
      await feedApi.removeComment(c.id);
      onRemove();
    } catch (e) {
      onError(errorText(e));
    }
  };
  const report = async (reason: string) => {
    setReporting(false);
    try {
      await feedApi.report('comment', c.id, reason);
      onNotice(t('feed.reported'));
    } catch (e) {
      onError(errorText(e));
    }
  };
  return (
    <Card withBorder padding="xs" radius="sm" bg="gray.0" data-testid="comment" data-comment-id={c.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text size="xs" fw={700}>
          {c.author_name}
          <EditedMark edited={c.edited} />
        </Text>
        <OwnActions mine={member?.id === c.author_id} onEdit={() => setEditing(true)} onDelete={() => setConfirm(true)} onReport={() => setReporting(true)} />
      </Group>
      {c.hidden && (
        <Alert color="orange" p={6} mt={4}>
          {t('feed.hiddenNote', { note: c.hidden_note ?? '' })}
        </Alert>
      )}
      {editing ? (
        <Editor
          initial={c.body}
          label={t('feedux.editCommentLabel')}
          images={false}
          onCancel={() => setEditing(false)}
          onSave={async (v) => {
            onChange(await feedApi.updateComment(c.id, v.text, mentionIds(v)));
            setEditing(false);
          }}
        />
      ) : (
        <Typography fz="sm" className={classes.body}>
          <div dangerouslySetInnerHTML={{ __html: c.body_html }} />
        </Typography>
      )}
      <ConfirmDelete opened={confirm} message={t('feedux.confirmDeleteComment')} onClose={() => setConfirm(false)} onConfirm={remove} />
      <ReportDialog opened={reporting} onClose={() => setReporting(false)} onSend={report} />
    </Card>
  );
}

function Comments({ post, onCount }: { post: FeedPost; onCount: (n: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [list, setList] = useState<FeedComment[] | null>(null);
  const [body, setBody] = useState<MentionText>(emptyText);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  useEffect(() => {
    feedApi.post(post.id).then((r) => setList(r.comments), (e) => setError(errorText(e)));
  }, [post.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const update = (next: FeedComment[]) => {
    setList(next);
    onCount(next.length);
  };
  const send = async () => {
    try {
      const c = await feedApi.comment(post.id, body.text, mentionIds(body));
      update([...(list ?? []), c]);
      setBody(emptyText);
      setError('');
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <Stack gap="xs" mt="sm" data-testid="comments">
      {list?.map((c) => (
        <CommentItem
          key={c.id}
          c={c}
          onChange={(n) => setList(list.map((x) => (x.id === n.id ? n : x)))}
          onRemove={() => update(list.filter((x) => x.id !== c.id))}
          onNotice={setNotice}
          onError={setError}
        />
      ))}
      {notice && (
        <Text size="sm" c="dimmed">
          {notice}
        </Text>
      )}
      {error && <Alert color="red">{error}</Alert>}
      <MentionInput value={body} onChange={setBody} label={t('feed.commentPlaceholder')} placeholder={t('feed.commentPlaceholder')} />
      <Group justify="flex-end">
        <Button onClick={send} disabled={!body.text.trim()} size="xs">
          {t('feed.comment')}
        </Button>
      </Group>
    </Stack>
  );
}

/** One post with its reactions, comments and, for my own, edit and delete. */
export function PostCard({ initial, onDeleted }: { initial: FeedPost; onDeleted?: (id: number) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { member } = usePortalSession();
  const [post, setPost] = useState(initial);
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [reporting, setReporting] = useState(false);
  const mine = post.kind === 'alumni' && member?.id === post.author_id;
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
  const report = async (reason: string) => {
    setReporting(false);
    try {
      await feedApi.report('post', post.id, reason);
      setNotice(t('feed.reported'));
    } catch (e) {
      setNotice(errorText(e));
    }
  };
  const edit = async () => {
    try {
      setEditing((await feedApi.post(post.id)).post.body ?? '');
    } catch (e) {
      setNotice(errorText(e));
    }
  };
  const remove = async () => {
    setConfirm(false);
    try {
      await feedApi.remove(post.id);
      onDeleted?.(post.id);
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
            <EditedMark edited={post.edited} />
          </Text>
        </div>
        <OwnActions mine={mine} onEdit={edit} onDelete={() => setConfirm(true)} onReport={() => setReporting(true)} />
      </Group>
      {post.hidden && (
        <Alert color="orange" mt="xs">
          {t('feed.hiddenNote', { note: post.hidden_note ?? '' })}
        </Alert>
      )}
      {editing !== null ? (
        <Editor
          initial={editing}
          label={t('feedux.editLabel')}
          images
          onCancel={() => setEditing(null)}
          onSave={async (v) => {
            const p = await feedApi.update(post.id, v.text, mentionIds(v));
            setPost({ ...post, body_html: p.body_html, edited: true });
            setEditing(null);
          }}
        />
      ) : (
        <Typography mt="xs" style={{ overflowWrap: 'anywhere' }} className={classes.body}>
          <div dangerouslySetInnerHTML={{ __html: post.body_html }} />
        </Typography>
      )}
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
      <ConfirmDelete opened={confirm} message={t('feedux.confirmDeletePost')} onClose={() => setConfirm(false)} onConfirm={remove} />
      <ReportDialog opened={reporting} onClose={() => setReporting(false)} onSend={report} />
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
  const [body, setBody] = useState<MentionText>(emptyText);
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
      await feedApi.create(body.text, mentionIds(body));
      setBody(emptyText);
      setError('');
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };
  const gone = (id: number) => {
    setPosts((ps) => ps.filter((p) => p.id !== id));
    setPinned((ps) => ps.filter((p) => p.id !== id));
  };
  return (
    <Stack gap="md">
      <Title order={2}>{t('feed.title')}</Title>
      <Card withBorder radius="md">
        <MentionInput label={t('feed.composer')} placeholder={t('feed.composerPlaceholder')} value={body} onChange={setBody} minRows={2} />
        <Group justify="space-between" mt="xs">
          <ImageButton upload={feedApi.uploadImage} onImage={(md) => setBody((b) => ({ ...b, text: withImage(b.text, md) }))} onError={(e) => setError(errorText(e))} />
          <Button onClick={submit} disabled={!body.text.trim()}>
            {t('feed.post')}
          </Button>
        </Group>
      </Card>
      {error && <Alert color="red">{error}</Alert>}
      <Spaces onChange={() => load()} />
      {[...pinned, ...posts].map((p) => (
        <PostCard key={p.id} initial={p} onDeleted={gone} />
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
