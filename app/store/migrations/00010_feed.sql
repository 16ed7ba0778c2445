-- +goose Up
-- The portal feed (app/feed): company posts by HR, alumni posts, comments,
-- reactions, spaces and moderation reports.
CREATE TABLE feed_spaces (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    dimension   TEXT NOT NULL DEFAULT '',  -- join_era, job_type, region or '' (free topic)
    created_by  TEXT NOT NULL,             -- actor string (hr user or alumnus)
    created_at  TEXT NOT NULL
);

CREATE TABLE feed_space_members (
    space_id   INTEGER NOT NULL REFERENCES feed_spaces(id) ON DELETE CASCADE,
    alumnus_id INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (alumnus_id, space_id)
) WITHOUT ROWID;

CREATE TABLE feed_posts (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL,          -- alumni, news, press, executive, comeback, policy
    author_id      INTEGER REFERENCES alumni(id) ON DELETE CASCADE, -- alumni posts
    author_hr      TEXT NOT NULL DEFAULT '', -- company posts: the HR actor
    executive_name TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL DEFAULT '',
    body           TEXT NOT NULL,          -- Markdown as written
    body_html      TEXT NOT NULL,          -- sanitised HTML
    segment_id     INTEGER,                -- company posts: NULL = everyone; no foreign key on purpose: a deleted
                                           -- segment must leave its posts reaching nobody, never everyone
    space_id       INTEGER REFERENCES feed_spaces(id) ON DELETE CASCADE,
    pinned         INTEGER NOT NULL DEFAULT 0,
    draft          INTEGER NOT NULL DEFAULT 0,
    publish_at     TEXT NOT NULL,          -- appears at this time (UTC, RFC 3339 millis)
    hidden         INTEGER NOT NULL DEFAULT 0,
    hidden_note    TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX feed_posts_visible ON feed_posts(publish_at DESC, id DESC) WHERE draft = 0;
CREATE INDEX feed_posts_pinned ON feed_posts(publish_at DESC, id DESC) WHERE pinned = 1 AND draft = 0;
CREATE INDEX feed_posts_space ON feed_posts(space_id, publish_at DESC, id DESC) WHERE space_id IS NOT NULL;
CREATE INDEX feed_posts_author ON feed_posts(author_id);

CREATE TABLE feed_comments (
    id          INTEGER PRIMARY KEY,
    post_id     INTEGER NOT NULL REFERENCES feed_posts(id) ON DELETE CASCADE,
    author_id   INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    body        TEXT NOT NULL,
    body_html   TEXT NOT NULL,
    hidden      INTEGER NOT NULL DEFAULT 0,
    hidden_note TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX feed_comments_post ON feed_comments(post_id, id);

CREATE TABLE feed_reactions (
    post_id    INTEGER NOT NULL REFERENCES feed_posts(id) ON DELETE CASCADE,
    alumnus_id INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    reaction   TEXT NOT NULL,
    PRIMARY KEY (post_id, alumnus_id, reaction)
) WITHOUT ROWID;

CREATE TABLE feed_reports (
    id          INTEGER PRIMARY KEY,
    target_kind TEXT NOT NULL,             -- post or comment
    target_id   INTEGER NOT NULL,
    reporter_id INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    resolved    INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);
CREATE INDEX feed_reports_open ON feed_reports(resolved, id);

-- +goose Down
DROP TABLE feed_reports;
DROP TABLE feed_reactions;
DROP TABLE feed_comments;
DROP TABLE feed_posts;
DROP TABLE feed_space_members;
DROP TABLE feed_spaces;
