-- +goose Up
-- Portal membership and one-time logins (app/members). An alumnus may log in
-- to the portal only with a membership row (invited and accepted, registered
-- and approved, or admitted by HR). Login codes and link tokens are kept only
-- as SHA-256; each is single use and expires.
CREATE TABLE memberships (
    alumnus_id  INTEGER PRIMARY KEY REFERENCES alumni(id) ON DELETE CASCADE,
    joined_at   TEXT NOT NULL,
    how         TEXT NOT NULL DEFAULT ''
);

CREATE TABLE member_login_codes (
    id          INTEGER PRIMARY KEY,
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    code_hash   TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX member_login_codes_alumnus ON member_login_codes(alumnus_id);

-- The portal's settings (e.g. network_name), one value per key.
CREATE TABLE portal_settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

-- +goose Down
DROP TABLE portal_settings;
DROP TABLE member_login_codes;
DROP TABLE memberships;
