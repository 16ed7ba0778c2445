import { Alert, Anchor, Badge, Box, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { portalEventsApi } from '../../api/eventsClient';
import { eventWhen, type MeetupEvent } from '../../api/eventTypes';
import { usePortalSession } from '../access/session';
import { type FeedPost, feedApi } from '../feed/feedApi';
import { PostCard } from '../feed/FeedPage';
import { getProfile, type Profile } from '../profile/api';
import classes from '../portal.module.css';

/** The text of a post's sanitised HTML, for a one-line excerpt (never inserted as HTML). */
function excerpt(html: string): string {
  const text = new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '';
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 80)}…` : line;
}

/** Whether the member has written nothing of their own yet (company and skills come from HR's roster). */
function emptyProfile(p: Profile): boolean {
  return !p.role && !p.bio && !p.has_photo;
}

function RSVPBadge({ ev }: { ev: MeetupEvent }) {
  const { t } = useTranslation();
  if (ev.my_state === 'going') return <Badge color="teal">{t('feedux.home.going')}</Badge>;
  if (ev.my_state === 'waitlist') return <Badge color="yellow">{t('feedux.home.waitlist')}</Badge>;
  return (
    <Badge color="gray" variant="light">
      {t('feedux.home.notGoing')}
    </Badge>
  );
}

function Section({ title, link, linkText, children }: { title: string; link: string; linkText: string; children: ReactNode }) {
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="baseline">
        <Title order={3} size="h4">
          {title}
        </Title>
        <Anchor component={Link} to={link} size="sm">
          {linkText}
        </Anchor>
      </Group>
      {children}
    </Stack>
  );
}

/**
 * The member home: pinned and latest posts, upcoming events with my RSVP,
 * unread notifications and, while the profile is empty, a link to fill it in.
 * Plugins' banners are above it, in the shell (PluginBanners).
 */
export default function HomePage() {
  const { t, i18n } = useTranslation();
  const { member } = usePortalSession();
  const [pinned, setPinned] = useState<FeedPost[]>([]);
  const [latest, setLatest] = useState<FeedPost[] | null>(null);
  const [events, setEvents] = useState<MeetupEvent[] | null>(null);
  const [unread, setUnread] = useState(0);
  const [profileEmpty, setProfileEmpty] = useState(false);
  useEffect(() => {
    const ctl = new AbortController();
    feedApi.page(undefined, ctl.signal).then(
      (pg) => {
        setPinned(pg.pinned.slice(0, 2));
        setLatest(pg.posts.filter((p) => !p.pinned).slice(0, 3));
      },
      () => setLatest([]),
    );
    portalEventsApi.list(false, ctl.signal).then(
      (r) => setEvents(r.items.slice(0, 3)),
      () => setEvents([]),
    );
    portalEventsApi.notifications(ctl.signal).then((r) => setUnread(r.unread), () => undefined);
    getProfile().then((p) => setProfileEmpty(emptyProfile(p)), () => undefined);
    return () => ctl.abort();
  }, []);
  return (
    <Stack gap="lg" data-testid="member-home">
      <Box className={classes.hero}>
        <Title order={1} className={classes.title}>
          {t('feedux.home.greeting', { name: member?.name ?? '' })}
        </Title>
        <Text mt="xs" c="indigo.0">
          {t('feedux.home.lead')}
        </Text>
        <Button component={Link} to="/portal/notifications" mt="md" size="xs" variant="white" c="indigo.8" data-testid="home-unread">
          {unread > 0 ? t('feedux.home.unread', { count: unread }) : t('feedux.home.noUnread')}
        </Button>
      </Box>
      {profileEmpty && (
        <Alert color="teal" title={t('feedux.home.profileTitle')} data-testid="home-profile">
          <Text size="sm">{t('feedux.home.profileBody')}</Text>
          <Button component={Link} to="/portal/profile" size="xs" mt="xs">
            {t('feedux.home.profileLink')}
          </Button>
        </Alert>
      )}
      {pinned.length > 0 && (
        <Section title={t('feedux.home.pinned')} link="/portal/feed" linkText={t('feedux.home.allPosts')}>
          {pinned.map((p) => (
            <PostCard key={p.id} initial={p} onDeleted={() => setPinned(pinned.filter((x) => x.id !== p.id))} />
          ))}
        </Section>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
        <Section title={t('feedux.home.latest')} link="/portal/feed" linkText={t('feedux.home.allPosts')}>
          {latest?.length === 0 && <Text c="dimmed">{t('feedux.home.noPosts')}</Text>}
          {latest?.map((p) => (
            <Paper key={p.id} withBorder p="sm" radius="md" component={Link} to="/portal/feed" style={{ textDecoration: 'none', color: 'inherit' }} data-testid="home-post">
              <Text size="xs" c="dimmed">
                {[p.author_name || t(`feed.kind.${p.kind}`), new Date(p.publish_at).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'ja-JP')].join(' · ')}
              </Text>
              <Text size="sm" fw={p.title ? 700 : 400} lineClamp={2}>
                {p.title || excerpt(p.body_html)}
              </Text>
            </Paper>
          ))}
        </Section>
        <Section title={t('feedux.home.events')} link="/portal/events" linkText={t('feedux.home.allEvents')}>
          {events?.length === 0 && <Text c="dimmed">{t('feedux.home.noEvents')}</Text>}
          {events?.map((ev) => (
            <Card key={ev.id} withBorder padding="sm" radius="md" data-testid="home-event">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <Anchor component={Link} to={`/portal/events/${ev.id}`} fw={700} size="sm">
                  {ev.title}
                </Anchor>
                <RSVPBadge ev={ev} />
              </Group>
              <Text size="xs" c="dimmed">
                {eventWhen(ev, i18n.language)}
              </Text>
            </Card>
          ))}
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
