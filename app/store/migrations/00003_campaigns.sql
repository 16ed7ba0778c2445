-- +goose Up
-- Campaigns (issue 3): saved segments, the campaign lifecycle and the
-- outbox states it needs (held while paused, cancelled, bounced,
-- unsubscribed).

-- A saved filter over alumni (JSON, see app/segments).
CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    filter      TEXT NOT NULL DEFAULT '{}',
    created_by  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Campaigns already in the table were enqueued directly (EnqueueCampaign):
-- they are running, their audience fully queued.
ALTER TABLE mail_campaigns ADD COLUMN body_format TEXT NOT NULL DEFAULT 'html' CHECK (body_format IN ('markdown','html'));
ALTER TABLE mail_campaigns ADD COLUMN body TEXT NOT NULL DEFAULT '';          -- as HR wrote it
ALTER TABLE mail_campaigns ADD COLUMN subject_source TEXT NOT NULL DEFAULT ''; -- as HR wrote it (merge syntax)
ALTER TABLE mail_campaigns ADD COLUMN from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_campaigns ADD COLUMN segment_id INTEGER REFERENCES segments(id) ON DELETE SET NULL;
ALTER TABLE mail_campaigns ADD COLUMN state TEXT NOT NULL DEFAULT 'running'
    CHECK (state IN ('draft','scheduled','running','paused','cancelled','finished'));
ALTER TABLE mail_campaigns ADD COLUMN scheduled_at TEXT;
ALTER TABLE mail_campaigns ADD COLUMN started_at TEXT;
ALTER TABLE mail_campaigns ADD COLUMN finished_at TEXT;
ALTER TABLE mail_campaigns ADD COLUMN pause_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_campaigns ADD COLUMN pause_reason_en TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_campaigns ADD COLUMN click_tracking INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mail_campaigns ADD COLUMN created_by TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_campaigns ADD COLUMN updated_at TEXT;
-- audience: alumni ids resolved at start (JSON); enqueued: 1 once every
-- recipient is in the outbox (a restart resumes enqueueing otherwise).
ALTER TABLE mail_campaigns ADD COLUMN audience TEXT NOT NULL DEFAULT '[]';
ALTER TABLE mail_campaigns ADD COLUMN enqueued INTEGER NOT NULL DEFAULT 1;
-- Delivery attempts before this time (unix ms) do not count toward the
-- run-of-errors pause: set at start and at resume.
ALTER TABLE mail_campaigns ADD COLUMN window_from INTEGER NOT NULL DEFAULT 0;
UPDATE mail_campaigns SET body = html, subject_source = subject, updated_at = created_at;
CREATE INDEX mail_campaigns_state ON mail_campaigns(state);

-- Click tracking (off by default, disclosed in the footer when on): the
-- campaign's tracked links, and each click on one.
CREATE TABLE mail_campaign_links (
    campaign_id INTEGER NOT NULL REFERENCES mail_campaigns(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    url         TEXT NOT NULL,
    PRIMARY KEY (campaign_id, idx)
);
CREATE TABLE mail_clicks (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL,
    idx        INTEGER NOT NULL,
    clicked_at INTEGER NOT NULL   -- unix milliseconds
);
CREATE INDEX mail_clicks_outbox ON mail_clicks(outbox_id);

-- SQLite cannot change a CHECK constraint: the outbox is rebuilt with the
-- new states and attempted_at (when the last delivery attempt ended, for
-- the run-of-errors check), and its indexes recreated.
CREATE TABLE mail_outbox_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('transactional','promotional')),
    priority        INTEGER NOT NULL,
    campaign_id     INTEGER REFERENCES mail_campaigns(id),
    alumnus_id      INTEGER,
    address         TEXT NOT NULL,
    display_name    TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL DEFAULT '',
    html            TEXT NOT NULL DEFAULT '',
    vars            TEXT NOT NULL DEFAULT '{}',
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued','sending','sent','failed','suppressed',
                                     'held','cancelled','bounced','unsubscribed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_reply      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    attempted_at    INTEGER
);
INSERT INTO mail_outbox_new(id, kind, priority, campaign_id, alumnus_id, address, display_name, message_id, subject,
    html, vars, state, attempts, next_attempt_at, last_reply, created_at, sent_at)
SELECT id, kind, priority, campaign_id, alumnus_id, address, display_name, message_id, subject,
    html, vars, state, attempts, next_attempt_at, last_reply, created_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_new RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox(priority, next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX mail_outbox_open ON mail_outbox(state) WHERE state IN ('queued','sending');
CREATE INDEX mail_outbox_campaign ON mail_outbox(campaign_id, state);
CREATE INDEX mail_outbox_attempted ON mail_outbox(campaign_id, attempted_at) WHERE attempted_at IS NOT NULL;

-- +goose Down
CREATE TABLE mail_outbox_old (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('transactional','promotional')),
    priority        INTEGER NOT NULL,
    campaign_id     INTEGER REFERENCES mail_campaigns(id),
    alumnus_id      INTEGER,
    address         TEXT NOT NULL,
    display_name    TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL DEFAULT '',
    html            TEXT NOT NULL DEFAULT '',
    vars            TEXT NOT NULL DEFAULT '{}',
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued','sending','sent','failed','suppressed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_reply      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
INSERT INTO mail_outbox_old SELECT id, kind, priority, campaign_id, alumnus_id, address, display_name, message_id,
    subject, html, vars,
    CASE state WHEN 'held' THEN 'queued' WHEN 'bounced' THEN 'failed' WHEN 'cancelled' THEN 'suppressed'
        WHEN 'unsubscribed' THEN 'suppressed' ELSE state END,
    attempts, next_attempt_at, last_reply, created_at, sent_at FROM mail_outbox;
DROP TABLE mail_outbox;
ALTER TABLE mail_outbox_old RENAME TO mail_outbox;
CREATE INDEX mail_outbox_due ON mail_outbox(priority, next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX mail_outbox_open ON mail_outbox(state) WHERE state IN ('queued','sending');
CREATE INDEX mail_outbox_campaign ON mail_outbox(campaign_id, state);
DROP INDEX mail_campaigns_state;
DROP TABLE mail_clicks;
DROP TABLE mail_campaign_links;
ALTER TABLE mail_campaigns DROP COLUMN window_from;
ALTER TABLE mail_campaigns DROP COLUMN enqueued;
ALTER TABLE mail_campaigns DROP COLUMN audience;
ALTER TABLE mail_campaigns DROP COLUMN updated_at;
ALTER TABLE mail_campaigns DROP COLUMN created_by;
ALTER TABLE mail_campaigns DROP COLUMN click_tracking;
ALTER TABLE mail_campaigns DROP COLUMN pause_reason_en;
ALTER TABLE mail_campaigns DROP COLUMN pause_reason;
ALTER TABLE mail_campaigns DROP COLUMN finished_at;
ALTER TABLE mail_campaigns DROP COLUMN started_at;
ALTER TABLE mail_campaigns DROP COLUMN scheduled_at;
ALTER TABLE mail_campaigns DROP COLUMN state;
ALTER TABLE mail_campaigns DROP COLUMN segment_id;
ALTER TABLE mail_campaigns DROP COLUMN from_name;
ALTER TABLE mail_campaigns DROP COLUMN body;
ALTER TABLE mail_campaigns DROP COLUMN subject_source;
ALTER TABLE mail_campaigns DROP COLUMN body_format;
DROP TABLE segments;
