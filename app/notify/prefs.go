package notify

import (
	"context"
	"database/sql"
	"errors"
	"slices"
)

// defaultChannel is the channel of a kind the alumnus has not set.
const defaultChannel = Portal

func (s *Service) channel(ctx context.Context, alumnusID int64, kind string) (Channel, error) {
	var ch Channel
	err := s.st.R.QueryRowContext(ctx, "SELECT channel FROM notify_prefs WHERE alumnus_id = ? AND kind = ?", alumnusID, kind).Scan(&ch)
	if errors.Is(err, sql.ErrNoRows) {
		return defaultChannel, nil
	}
	return ch, err
}

// Prefs returns the alumnus's channel for every kind.
func (s *Service) Prefs(ctx context.Context, alumnusID int64) (map[string]Channel, error) {
	out := make(map[string]Channel, len(Kinds))
	for _, k := range Kinds {
		out[k] = defaultChannel
	}
	rows, err := s.st.R.QueryContext(ctx, "SELECT kind, channel FROM notify_prefs WHERE alumnus_id = ?", alumnusID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		var ch Channel
		if err := rows.Scan(&k, &ch); err != nil {
			return nil, err
		}
		out[k] = ch
	}
	return out, rows.Err()
}

// SetPrefs sets the alumnus's channels for the kinds given; all are checked
// before any is stored.
func (s *Service) SetPrefs(ctx context.Context, alumnusID int64, prefs map[string]Channel) error {
	fields := map[string]string{}
	for k, ch := range prefs {
		switch {
		case !slices.Contains(Kinds, k):
			fields[k] = errBadKind.JA + " / " + errBadKind.EN
		case ch != Portal && ch != Mail && ch != Digest && ch != Off:
			fields[k] = errBadChannel.JA + " / " + errBadChannel.EN
		}
	}
	if len(fields) > 0 {
		return errBadChannel.WithFields(fields)
	}
	tx, err := s.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for k, ch := range prefs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO notify_prefs(alumnus_id, kind, channel) VALUES (?,?,?)
			ON CONFLICT(alumnus_id, kind) DO UPDATE SET channel = excluded.channel`, alumnusID, k, ch); err != nil {
			return err
		}
	}
	return tx.Commit()
}
