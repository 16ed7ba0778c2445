package mail

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/store"
)

const (
	settingSecret   = "unsubscribe_secret"
	settingIdentity = "sender_identity"
)

func getSetting(ctx context.Context, db *sql.DB, key string) (string, bool, error) {
	var v string
	err := db.QueryRowContext(ctx, `SELECT value FROM mail_settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// loadSecret returns the HMAC key for unsubscribe links, creating it on first
// use. It lives in the database (inside the data directory) and is never logged.
func loadSecret(ctx context.Context, st *store.Store) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, err
	}
	if _, err := st.W.ExecContext(ctx, `INSERT OR IGNORE INTO mail_settings(key, value) VALUES (?, ?)`,
		settingSecret, base64.StdEncoding.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("store unsubscribe secret: %w", err)
	}
	v, _, err := getSetting(ctx, st.W, settingSecret)
	if err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(v)
}

// SetIdentity records the sender identity promotional mail names.
func (e *Engine) SetIdentity(ctx context.Context, id Identity) error {
	b, _ := json.Marshal(id)
	_, err := e.st.W.ExecContext(ctx, `INSERT INTO mail_settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, settingIdentity, string(b))
	return err
}

// Identity returns the recorded sender identity (zero when unset).
func (e *Engine) Identity(ctx context.Context) (Identity, error) {
	var id Identity
	v, ok, err := getSetting(ctx, e.st.R, settingIdentity)
	if err != nil || !ok {
		return id, err
	}
	err = json.Unmarshal([]byte(v), &id)
	return id, err
}
