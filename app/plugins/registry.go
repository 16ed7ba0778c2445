package plugins

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/store"
	"github.com/kizuna-hr/kizuna/sdk"
	"github.com/kizuna-hr/kizuna/sdk/manifest"
)

// The states of an installed plugin.
const (
	StateDisabled = "disabled"
	StateEnabled  = "enabled"
	StateFailed   = "failed"
)

// Record is an installed plugin as the registry keeps it.
type Record struct {
	ID          string             `json:"id"`
	Version     string             `json:"version"`
	Manifest    *manifest.Manifest `json:"manifest"`
	State       string             `json:"state"`
	Reason      string             `json:"reason"`
	Granted     []string           `json:"granted"`
	Settings    json.RawMessage    `json:"settings"`
	Nav         []sdk.NavEntry     `json:"nav"`
	Cursor      int64              `json:"cursor"`
	SignedBy    string             `json:"signed_by"`
	InstalledAt string             `json:"installed_at"`
	UpdatedAt   string             `json:"updated_at"`
}

// registry reads and writes the plugins table.
type registry struct{ st *store.Store }

const recordColumns = "id, version, manifest, state, reason, granted, settings, nav, cursor, signed_by, installed_at, updated_at"

func scanRecord(row interface{ Scan(...any) error }) (*Record, error) {
	var r Record
	var man, granted, settings, nav string
	if err := row.Scan(&r.ID, &r.Version, &man, &r.State, &r.Reason, &granted, &settings, &nav, &r.Cursor, &r.SignedBy, &r.InstalledAt, &r.UpdatedAt); err != nil {
		return nil, err
	}
	m, err := manifest.Parse([]byte(man))
	if err != nil {
		return nil, fmt.Errorf("plugin %s: stored manifest: %w", r.ID, err)
	}
	r.Manifest = m
	r.Settings = json.RawMessage(settings)
	if err := errors.Join(json.Unmarshal([]byte(granted), &r.Granted), json.Unmarshal([]byte(nav), &r.Nav)); err != nil {
		return nil, fmt.Errorf("plugin %s: %w", r.ID, err)
	}
	return &r, nil
}

func (g registry) get(ctx context.Context, id string) (*Record, error) {
	r, err := scanRecord(g.st.R.QueryRowContext(ctx, "SELECT "+recordColumns+" FROM plugins WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound.Withf("%s", "%s", id)
	}
	return r, err
}

func (g registry) list(ctx context.Context) ([]*Record, error) {
	rows, err := g.st.R.QueryContext(ctx, "SELECT "+recordColumns+" FROM plugins ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("list plugins: %w", err)
	}
	defer rows.Close()
	var out []*Record
	for rows.Next() {
		r, err := scanRecord(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// save inserts a new plugin (cursor at the log's end: it gets the events
// from now on) or records an upgrade, keeping state, grants, settings and
// cursor.
func (g registry) save(ctx context.Context, m *manifest.Manifest, raw []byte, signedBy string, cursor int64) error {
	_, err := g.st.W.ExecContext(ctx, `INSERT INTO plugins(id, version, manifest, signed_by, cursor) VALUES (?,?,?,?,?)
		ON CONFLICT(id) DO UPDATE SET version = excluded.version, manifest = excluded.manifest,
		signed_by = excluded.signed_by, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`,
		m.ID, m.Version, string(raw), signedBy, cursor)
	if err != nil {
		return fmt.Errorf("save plugin %s: %w", m.ID, err)
	}
	return nil
}

func (g registry) setState(ctx context.Context, id, state, reason string, granted []string) error {
	q := "UPDATE plugins SET state = ?, reason = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')"
	args := []any{state, reason}
	if granted != nil {
		b, _ := json.Marshal(granted)
		q += ", granted = ?"
		args = append(args, string(b))
	}
	return g.exec(ctx, q+" WHERE id = ?", append(args, id)...)
}

func (g registry) setJSON(ctx context.Context, id, column string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return g.exec(ctx, "UPDATE plugins SET "+column+" = ? WHERE id = ?", string(b), id)
}

func (g registry) setCursor(ctx context.Context, id string, cursor int64) error {
	return g.exec(ctx, "UPDATE plugins SET cursor = ? WHERE id = ? AND cursor < ?", cursor, id, cursor)
}

func (g registry) delete(ctx context.Context, id string) error {
	return g.exec(ctx, "DELETE FROM plugins WHERE id = ?", id)
}

func (g registry) exec(ctx context.Context, q string, args ...any) error {
	if _, err := g.st.W.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("plugins: %w", err)
	}
	return nil
}
