// The portal feed and its moderation (issue 5), English.
import type { feedJa } from './feed.ja';

export const feedEn: typeof feedJa = {
  nav: 'Feed',
  title: 'Feed',
  composer: 'Share news or ask for advice',
  composerPlaceholder: 'e.g. Has anyone handled a deal like this? I would love some advice.',
  post: 'Post',
  posted: 'Posted',
  pinned: 'Pinned',
  hiddenNote: 'This post is hidden (only you see it): {{note}}',
  comments: '{{count}} comments',
  comment: 'Comment',
  commentPlaceholder: 'Write a comment',
  report: 'Report',
  reportReason: 'Why are you reporting this?',
  reported: 'Reported. HR will review it.',
  more: 'Load more',
  empty: 'No posts yet. Be the first to post.',
  kind: {
    alumni: 'Alumni',
    news: 'News',
    press: 'Press release',
    executive: 'Message from the executive',
    comeback: 'Comeback interview',
    policy: 'HR policy change',
  },
  reaction: {
    like: 'Like',
    thanks: 'Thanks',
    celebrate: 'Congrats',
    insightful: 'Insightful',
  },
  permissions: {
    read: 'Read the feed',
    write: 'Company posts and spaces',
    moderate: 'Moderate posts',
  },
};
