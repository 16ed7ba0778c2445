-- +goose Up
-- Meetups HR organises for alumni (app/meetups) and the notifications
-- alumni receive in the portal (app/notify).
CREATE TABLE meetups (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',       -- Markdown, rendered safe
    mode         TEXT NOT NULL CHECK (mode IN ('online','onsite')),
    place        TEXT NOT NULL DEFAULT '',       -- on-site address
    online_url   TEXT NOT NULL DEFAULT '',       -- shown only to those attending
    starts_at    TEXT NOT NULL,                  -- RFC 3339 UTC
    ends_at      TEXT NOT NULL,
    capacity     INTEGER NOT NULL DEFAULT 0,     -- 0: unlimited
    segment_id   INTEGER REFERENCES segments(id) ON DELETE SET NULL, -- NULL: everyone
    checkin_code TEXT NOT NULL DEFAULT '',
    sequence     INTEGER NOT NULL DEFAULT 0,     -- iCalendar SEQUENCE
    cancelled    INTEGER NOT NULL DEFAULT 0,
    reminded     INTEGER NOT NULL DEFAULT 0,
    created_by   TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);
CREATE INDEX meetups_starts ON meetups(starts_at);

CREATE TABLE meetup_rsvps (
    meetup_id   INTEGER NOT NULL REFERENCES meetups(id) ON DELETE CASCADE,
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('going','waitlist','cancelled')),
    seq         INTEGER NOT NULL,                -- order of the waitlist
    checked_in  TEXT NOT NULL DEFAULT '',        -- time of check-in
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (meetup_id, alumnus_id)
);

CREATE TABLE meetup_photos (
    id          INTEGER PRIMARY KEY,
    meetup_id   INTEGER NOT NULL REFERENCES meetups(id) ON DELETE CASCADE,
    jpeg        BLOB NOT NULL,
    created_at  TEXT NOT NULL
);

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY,
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    title_ja    TEXT NOT NULL,
    title_en    TEXT NOT NULL DEFAULT '',
    link        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    read_at     TEXT NOT NULL DEFAULT '',
    digested    INTEGER NOT NULL DEFAULT 0       -- 1 once in a weekly digest (or not for one)
);
CREATE INDEX notifications_alumnus ON notifications(alumnus_id, id);

CREATE TABLE notify_prefs (
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL CHECK (channel IN ('portal','mail','digest','off')),
    PRIMARY KEY (alumnus_id, kind)
);

-- +goose Down
DROP TABLE notify_prefs;
DROP TABLE notifications;
DROP TABLE meetup_photos;
DROP TABLE meetup_rsvps;
DROP TABLE meetups;
