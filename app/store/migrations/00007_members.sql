-- +goose Up
-- Portal sessions of alumni (app/members). Only the SHA-256 of the cookie
-- secret is kept.
CREATE TABLE member_sessions (
    token_hash  TEXT PRIMARY KEY,
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    client      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX member_sessions_alumnus ON member_sessions(alumnus_id);

-- +goose Down
DROP TABLE member_sessions;
