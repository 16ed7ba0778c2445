-- +goose Up
-- Open registration (app/members): an alumnus without an invitation asks to
-- join. A request starts 'unverified' (a code was mailed to the address; only
-- its SHA-256 is kept), then is 'admitted' (confident roster match),
-- 'pending' (HR's approval queue), 'refused' (not a former employee),
-- 'approved' or 'rejected' (HR's decision, with a reason).
CREATE TABLE registrations (
    id              INTEGER PRIMARY KEY,
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    name_reading    TEXT NOT NULL,
    employee_number TEXT NOT NULL DEFAULT '',
    join_year       INTEGER NOT NULL DEFAULT 0,
    leave_year      INTEGER NOT NULL DEFAULT 0,
    status          TEXT NOT NULL DEFAULT 'unverified',
    code_hash       TEXT NOT NULL DEFAULT '',
    expires_at      TEXT NOT NULL,
    alumnus_id      INTEGER REFERENCES alumni(id) ON DELETE SET NULL,
    reason          TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    verified_at     TEXT,
    decided_at      TEXT
);
CREATE INDEX registrations_email ON registrations(email);
CREATE INDEX registrations_status ON registrations(status);

-- Members' optional passwords (bcrypt), besides the mailed code login.
CREATE TABLE member_passwords (
    alumnus_id  INTEGER PRIMARY KEY REFERENCES alumni(id) ON DELETE CASCADE,
    hash        TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- +goose Down
DROP TABLE member_passwords;
DROP TABLE registrations;
