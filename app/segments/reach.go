package segments

import (
	"context"
	"fmt"
	"sync"

	"github.com/kizuna-hr/kizuna/app/store"
)

// Reach flags of one alumnus.
const (
	hasEmail uint8 = 1 << iota
	optedIn
	suppressed
)

// reach is a snapshot of every alumnus's reach flags. Counting a segment
// then costs a map lookup per matched alumnus, not three index searches in
// SQLite. It is rebuilt when alumni, consents or suppressions changed,
// which a cheap fingerprint query tells.
type reach struct {
	mu    sync.Mutex
	key   string
	flags map[int64]uint8
}

const fingerprintSQL = `SELECT coalesce((SELECT max(seq) FROM alumni_changes), 0),
	coalesce((SELECT max(id) FROM mail_consent), 0),
	(SELECT count(*) FROM mail_consent WHERE revoked_at IS NULL),
	coalesce((SELECT max(rowid) FROM mail_suppression), 0),
	(SELECT count(*) FROM mail_suppression)`

func (r *reach) get(ctx context.Context, st *store.Store) (*reach, error) {
	var a, b, c, d, e int64
	if err := st.R.QueryRowContext(ctx, fingerprintSQL).Scan(&a, &b, &c, &d, &e); err != nil {
		return nil, fmt.Errorf("reach fingerprint: %w", err)
	}
	key := fmt.Sprint(a, b, c, d, e)
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.flags != nil && r.key == key {
		return r, nil
	}
	flags, err := loadFlags(ctx, st)
	if err != nil {
		return nil, err
	}
	r.key, r.flags = key, flags
	return r, nil
}

// loadFlags reads addresses, opt-ins and suppressions in three plain scans
// and joins them in memory.
func loadFlags(ctx context.Context, st *store.Store) (map[int64]uint8, error) {
	sets := map[string]uint8{}
	for _, q := range []struct {
		sql  string
		flag uint8
	}{
		{`SELECT address FROM mail_consent WHERE revoked_at IS NULL`, optedIn},
		{`SELECT address FROM mail_suppression`, suppressed},
	} {
		rows, err := st.R.QueryContext(ctx, q.sql)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var addr string
			if err := rows.Scan(&addr); err != nil {
				rows.Close()
				return nil, err
			}
			sets[addr] |= q.flag
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	rows, err := st.R.QueryContext(ctx, `SELECT id, email FROM alumni WHERE email <> ''`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	flags := map[int64]uint8{}
	for rows.Next() {
		var id int64
		var email string
		if err := rows.Scan(&id, &email); err != nil {
			return nil, err
		}
		flags[id] = hasEmail | sets[email]
	}
	return flags, rows.Err()
}
