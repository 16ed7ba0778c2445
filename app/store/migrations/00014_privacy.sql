-- +goose Up
-- Purpose of use (APPI), its acceptances and alumni's deletion requests
-- (app/privacy). Publishing a new version makes members accept again.
CREATE TABLE privacy_purposes (
    version      INTEGER PRIMARY KEY,
    text_ja      TEXT NOT NULL,
    text_en      TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
);

CREATE TABLE privacy_acceptances (
    alumnus_id  INTEGER NOT NULL REFERENCES alumni(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL REFERENCES privacy_purposes(version),
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (alumnus_id, version)
);

-- name and address are captured at request time (to mail the outcome) and
-- cleared once a completed request's mail is queued; alumnus_id becomes
-- NULL with the deletion, so the row only says that a deletion was done.
CREATE TABLE deletion_requests (
    id           INTEGER PRIMARY KEY,
    alumnus_id   INTEGER REFERENCES alumni(id) ON DELETE SET NULL,
    name         TEXT NOT NULL,
    address      TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'requested' CHECK (state IN ('requested','completed','declined')),
    reason       TEXT NOT NULL DEFAULT '',
    requested_at TEXT NOT NULL,
    decided_at   TEXT,
    decided_by   TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX deletion_requests_open ON deletion_requests(alumnus_id) WHERE state = 'requested';

-- +goose Down
DROP TABLE deletion_requests;
DROP TABLE privacy_acceptances;
DROP TABLE privacy_purposes;
