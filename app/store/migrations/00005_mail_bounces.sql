-- +goose Up
-- Mail engine: attachments of transactional messages, and bounces (DSNs)
-- matched to the messages they report.

CREATE TABLE mail_attachments (
    id           INTEGER PRIMARY KEY,
    outbox_id    INTEGER NOT NULL,   -- mail_outbox.id
    filename     TEXT NOT NULL,
    content_type TEXT NOT NULL,
    data         BLOB NOT NULL
);
CREATE INDEX mail_attachments_outbox ON mail_attachments(outbox_id);

-- One row per recipient reported in a delivery status notification.
CREATE TABLE mail_bounces (
    id          INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,           -- unix milliseconds
    outbox_id   INTEGER,                    -- the message it reports, NULL when none matched
    address     TEXT NOT NULL,              -- the recipient that bounced
    kind        TEXT NOT NULL CHECK (kind IN ('hard','soft')),
    status      TEXT NOT NULL,              -- RFC 3463 status, e.g. 5.1.1
    diagnostic  TEXT NOT NULL DEFAULT '',   -- the remote server's reply
    source      TEXT NOT NULL,              -- smtp (inbound listener) or imap
    report_id   TEXT,                       -- Message-ID of the DSN, so a DSN counts once
    UNIQUE (report_id, address)
);
CREATE INDEX mail_bounces_address ON mail_bounces(address, received_at);
CREATE INDEX mail_bounces_outbox ON mail_bounces(outbox_id);

-- +goose Down
DROP TABLE mail_bounces;
DROP TABLE mail_attachments;
