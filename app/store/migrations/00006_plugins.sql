-- +goose Up
-- Durable domain events (app/events) and the plugin platform (app/plugins).

-- Domain events, written by the services that change data; read in id order
-- by plugins (each with its own cursor) and, later, webhooks.
CREATE TABLE events (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    type    TEXT NOT NULL,              -- "alumnus.created", "campaign.finished", …
    subject TEXT NOT NULL DEFAULT '',   -- "alumnus:42"
    data    TEXT NOT NULL DEFAULT '{}'  -- JSON object
);

-- Installed plugins. state: 'disabled' (installed, not running), 'enabled'
-- (the host keeps it running), 'failed' (disabled by the host after repeated
-- crashes; reason says why).
CREATE TABLE plugins (
    id           TEXT PRIMARY KEY,
    version      TEXT NOT NULL,
    manifest     TEXT NOT NULL,                  -- plugin.json as installed
    state        TEXT NOT NULL DEFAULT 'disabled' CHECK (state IN ('disabled','enabled','failed')),
    reason       TEXT NOT NULL DEFAULT '',
    granted      TEXT NOT NULL DEFAULT '[]',     -- JSON list of granted permissions
    settings     TEXT NOT NULL DEFAULT '{}',     -- JSON object
    nav          TEXT NOT NULL DEFAULT '[]',     -- entries set at run time (SetNavigation)
    cursor       INTEGER NOT NULL DEFAULT 0,     -- last event id the plugin acknowledged
    signed_by    TEXT NOT NULL DEFAULT '',       -- name of the trusted key that signed it
    installed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- Each plugin's key-value store. version changes on every write
-- (compare-and-set); expires_at is unix milliseconds, NULL = never.
CREATE TABLE plugin_kv (
    plugin_id  TEXT NOT NULL REFERENCES plugins(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      BLOB NOT NULL,
    version    INTEGER NOT NULL,
    expires_at INTEGER,
    PRIMARY KEY (plugin_id, key)
) WITHOUT ROWID;

-- Public keys the admin trusts to sign plugin bundles (ed25519, base64).
CREATE TABLE plugin_trusted_keys (
    name       TEXT PRIMARY KEY,
    public_key TEXT NOT NULL UNIQUE,
    added_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

-- +goose Down
DROP TABLE plugin_trusted_keys;
DROP TABLE plugin_kv;
DROP TABLE plugins;
DROP TABLE events;
