package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrNoAlumnus reports an alumnus id that is not on the roster.
var ErrNoAlumnus = fault.New(fault.NotFound, "members.no_alumnus", "卒業生が見つかりません", "no such alumnus")

// Membership is whether an alumnus may log in to the portal, and since when.
type Membership struct {
	Member   bool       `json:"member"`
	JoinedAt *time.Time `json:"joined_at,omitempty"`
	How      string     `json:"how,omitempty"` // invitation, registration, hr, demo
}

func (l *Login) exists(ctx context.Context, alumnusID int64) error {
	var n int
	if err := l.st.R.QueryRowContext(ctx, "SELECT count(*) FROM alumni WHERE id = ?", alumnusID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return ErrNoAlumnus
	}
	return nil
}

// Membership returns the alumnus's portal membership.
func (l *Login) Membership(ctx context.Context, alumnusID int64) (Membership, error) {
	if err := l.exists(ctx, alumnusID); err != nil {
		return Membership{}, err
	}
	var joined, how string
	err := l.st.R.QueryRowContext(ctx, "SELECT joined_at, how FROM memberships WHERE alumnus_id = ?", alumnusID).Scan(&joined, &how)
	if errors.Is(err, sql.ErrNoRows) {
		return Membership{}, nil
	}
	if err != nil {
		return Membership{}, fmt.Errorf("membership: %w", err)
	}
	t, _ := time.Parse(time.RFC3339Nano, joined)
	return Membership{Member: true, JoinedAt: &t, How: how}, nil
}

// AdmitByHR makes an alumnus on the roster a member at HR's word.
func (l *Login) AdmitByHR(ctx context.Context, alumnusID int64) (Membership, error) {
	if err := l.exists(ctx, alumnusID); err != nil {
		return Membership{}, err
	}
	if err := l.Admit(ctx, alumnusID, "hr"); err != nil {
		return Membership{}, err
	}
	return l.Membership(ctx, alumnusID)
}

// noteChange numbers a change to the alumnus in the alumni change log, so
// that in-memory indexes of members (the portal directory) catch up.
const noteChange = "INSERT INTO alumni_changes(alumnus_id) VALUES (?)"

// Revoke ends the alumnus's membership and every portal session; unused
// login codes die with it.
func (l *Login) Revoke(ctx context.Context, alumnusID int64) error {
	if err := l.exists(ctx, alumnusID); err != nil {
		return err
	}
	tx, err := l.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM memberships WHERE alumnus_id = ?", "DELETE FROM member_sessions WHERE alumnus_id = ?",
		"DELETE FROM member_login_codes WHERE alumnus_id = ?", noteChange} {
		if _, err := tx.ExecContext(ctx, q, alumnusID); err != nil {
			return fmt.Errorf("revoke membership: %w", err)
		}
	}
	return tx.Commit()
}
