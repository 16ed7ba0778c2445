-- +goose Up
-- Alumni's portal profiles (app/profiles). Company, industry, job type,
-- skills and interests live in the alumni record (so segments see them);
-- this table keeps what only the portal has, and each field's visibility.
CREATE TABLE member_profiles (
    alumnus_id  INTEGER PRIMARY KEY REFERENCES alumni(id) ON DELETE CASCADE,
    role        TEXT NOT NULL DEFAULT '',
    join_year   INTEGER NOT NULL DEFAULT 0, -- from the survey, when HR has no join date
    bio         TEXT NOT NULL DEFAULT '',
    open_to     TEXT NOT NULL DEFAULT '[]', -- JSON list of survey option keys
    visibility  TEXT NOT NULL DEFAULT '{}', -- JSON field -> "alumni" | "hr"
    photo       BLOB,                       -- re-encoded PNG, no metadata
    updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Welcome survey answers; version names the survey wording answered.
CREATE TABLE survey_answers (
    alumnus_id  INTEGER PRIMARY KEY REFERENCES alumni(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    skipped     INTEGER NOT NULL DEFAULT 0,
    answers     TEXT NOT NULL DEFAULT '{}', -- JSON
    answered_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- +goose Down
DROP TABLE survey_answers;
DROP TABLE member_profiles;
