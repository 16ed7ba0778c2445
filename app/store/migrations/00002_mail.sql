-- +goose Up
-- Mail engine (app/mail): outbox, campaigns, consent ledger, suppression,
-- settings (secret, sender identity) and the built-in mail catcher.

CREATE TABLE mail_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- A campaign is what the outbox needs to render its messages at send time:
-- the templates and the sender. Screens, segments and schedules come later.
CREATE TABLE mail_campaigns (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    html       TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- One row per message. A row is 'sent' only after the server answered 250 to
-- DATA; 'sending' rows left by a crash go back to 'queued' at start.
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('transactional','promotional')),
    priority        INTEGER NOT NULL,              -- 0 transactional, 1 promotional
    campaign_id     INTEGER REFERENCES mail_campaigns(id),
    alumnus_id      INTEGER,
    address         TEXT NOT NULL,
    display_name    TEXT NOT NULL DEFAULT '',
    message_id      TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL DEFAULT '',      -- transactional: rendered subject
    html            TEXT NOT NULL DEFAULT '',      -- transactional: rendered HTML
    vars            TEXT NOT NULL DEFAULT '{}',    -- promotional: merge fields (JSON)
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued','sending','sent','failed','suppressed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,    -- unix milliseconds
    last_reply      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,              -- unix milliseconds
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(priority, next_attempt_at, id) WHERE state = 'queued';
CREATE INDEX mail_outbox_open ON mail_outbox(state) WHERE state IN ('queued','sending');
CREATE INDEX mail_outbox_campaign ON mail_outbox(campaign_id, state);

-- 特定電子メール法: the record of each opt-in. revoked_at is set by an
-- unsubscribe; a later opt-in inserts a new row.
CREATE TABLE mail_consent (
    id          INTEGER PRIMARY KEY,
    address     TEXT NOT NULL,
    alumnus_id  INTEGER,
    granted_at  TEXT NOT NULL,
    method      TEXT NOT NULL,   -- how: web form, paper, import of a signed form...
    text_agreed TEXT NOT NULL,   -- the wording the person agreed to
    revoked_at  TEXT,
    revoked_how TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_consent_address ON mail_consent(address) WHERE revoked_at IS NULL;
CREATE INDEX mail_consent_alumnus ON mail_consent(alumnus_id);

-- Addresses no mail goes to (hard bounces, manual blocks).
CREATE TABLE mail_suppression (
    address    TEXT PRIMARY KEY,
    reason     TEXT NOT NULL,
    detail     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Every message the built-in catcher received.
CREATE TABLE mail_caught (
    id          INTEGER PRIMARY KEY,
    received_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    mail_from   TEXT NOT NULL,
    rcpt_to     TEXT NOT NULL,   -- JSON array
    subject     TEXT NOT NULL DEFAULT '',
    message_id  TEXT NOT NULL DEFAULT '',
    headers     TEXT NOT NULL DEFAULT '',
    raw         BLOB NOT NULL
);

-- +goose Down
DROP TABLE mail_caught;
DROP TABLE mail_suppression;
DROP TABLE mail_consent;
DROP TABLE mail_outbox;
DROP TABLE mail_campaigns;
DROP TABLE mail_settings;
