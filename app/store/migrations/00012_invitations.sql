-- +goose Up
-- Personal invitations to the portal (app/invitations). One row per alumnus:
-- re-inviting replaces the link (a new token hash, fresh times). Only the
-- SHA-256 of the link's token is kept. The sender is an HR user or the
-- former manager (name + email: the mail's From name, Reply-To and signature).
CREATE TABLE invitations (
    id             INTEGER PRIMARY KEY,
    alumnus_id     INTEGER NOT NULL UNIQUE REFERENCES alumni(id) ON DELETE CASCADE,
    token_hash     TEXT NOT NULL UNIQUE,
    sender_kind    TEXT NOT NULL DEFAULT 'hr',  -- 'hr' | 'manager'
    sender_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    sender_name    TEXT NOT NULL DEFAULT '',
    sender_email   TEXT NOT NULL DEFAULT '',
    message        TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    sent_at        TEXT,
    expires_at     TEXT NOT NULL,
    accepted_at    TEXT,
    revoked_at     TEXT
);

-- The mail's From display name and Reply-To, when not the sender identity's.
ALTER TABLE mail_outbox ADD COLUMN from_name TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_outbox ADD COLUMN reply_to TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE mail_outbox DROP COLUMN reply_to;
ALTER TABLE mail_outbox DROP COLUMN from_name;
DROP TABLE invitations;
