-- +goose Up
CREATE TABLE companies (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_reading TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE alumni (
    id                 INTEGER PRIMARY KEY,
    company_id         INTEGER NOT NULL REFERENCES companies(id),
    employee_number    TEXT NOT NULL DEFAULT '',
    name               TEXT NOT NULL,
    name_reading       TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    emails_extra       TEXT NOT NULL DEFAULT '[]',
    department         TEXT NOT NULL DEFAULT '',
    position           TEXT NOT NULL DEFAULT '',
    join_date          TEXT NOT NULL DEFAULT '',
    leave_date         TEXT NOT NULL DEFAULT '',
    leave_reason       TEXT NOT NULL DEFAULT '',
    rehire_eligibility TEXT NOT NULL DEFAULT 'unknown',
    current_employer   TEXT NOT NULL DEFAULT '',
    industry           TEXT NOT NULL DEFAULT '',
    job_type           TEXT NOT NULL DEFAULT '',
    skills             TEXT NOT NULL DEFAULT '[]',
    interests          TEXT NOT NULL DEFAULT '[]',
    tags               TEXT NOT NULL DEFAULT '[]',
    former_manager     TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX alumni_employee_number ON alumni(company_id, employee_number) WHERE employee_number <> '';
CREATE UNIQUE INDEX alumni_email ON alumni(email) WHERE email <> '';

-- Every change to alumni is numbered here so that in-memory search indexes in
-- any process can catch up with writes made by another process (the CLI).
-- seq only grows: pruning always keeps the newest row, so the next rowid
-- is always larger (no AUTOINCREMENT bookkeeping needed).
-- alumnus_id 0 is a bulk write (a large import): readers reload everything.
-- Such a write drops the alumni_changed_* triggers inside its transaction
-- and creates them again before it commits (see alumni.Bulk), so no other
-- connection ever sees them missing.
CREATE TABLE alumni_changes (
    seq        INTEGER PRIMARY KEY,
    alumnus_id INTEGER NOT NULL
);
-- +goose StatementBegin
CREATE TRIGGER alumni_changed_insert AFTER INSERT ON alumni BEGIN
    INSERT INTO alumni_changes(alumnus_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER alumni_changed_update AFTER UPDATE ON alumni BEGIN
    INSERT INTO alumni_changes(alumnus_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER alumni_changed_delete AFTER DELETE ON alumni BEGIN
    INSERT INTO alumni_changes(alumnus_id) VALUES (OLD.id);
END;
-- +goose StatementEnd

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL DEFAULT '',
    must_change_password INTEGER NOT NULL DEFAULT 0,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE sessions (
    token_hash  TEXT PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    last_used_at TEXT NOT NULL DEFAULT '',
    revoked_at  TEXT NOT NULL DEFAULT ''
);

-- Append-only record of who read or changed which personal data.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL DEFAULT '',
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_subject ON audit_log(subject);
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

INSERT INTO companies(code, name, name_reading) VALUES ('main', '本社', 'ほんしゃ');

-- +goose Down
DROP TABLE audit_log;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE alumni_changes;
DROP TABLE alumni;
DROP TABLE companies;
