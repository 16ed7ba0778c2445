package invitations

import (
	"context"
	"fmt"
	"strconv"
	"time"
)

// Status of an invitation, as the console shows it.
type Status string

// The statuses (未送信・送信済み・参加済み・期限切れ・取り消し).
const (
	Unsent   Status = "unsent" // issued for a leaflet, not mailed
	Sent     Status = "sent"
	Accepted Status = "accepted"
	Expired  Status = "expired"
	Revoked  Status = "revoked"
)

// Invitation is one row of the console's list.
type Invitation struct {
	AlumnusID  int64  `json:"alumnus_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	LeaveDate  string `json:"leave_date"`
	Status     Status `json:"status"`
	SenderKind string `json:"sender_kind"`
	SenderName string `json:"sender_name"`
	CreatedAt  string `json:"created_at"`
	SentAt     string `json:"sent_at,omitempty"`
	ExpiresAt  string `json:"expires_at"`
	AcceptedAt string `json:"accepted_at,omitempty"`
	RevokedAt  string `json:"revoked_at,omitempty"`
}

// statusSQL derives the status; ? is now.
const statusSQL = `CASE WHEN i.revoked_at IS NOT NULL THEN 'revoked' WHEN i.accepted_at IS NOT NULL THEN 'accepted'
	WHEN i.expires_at <= ? THEN 'expired' WHEN i.sent_at IS NOT NULL THEN 'sent' ELSE 'unsent' END`

// List returns invitations, newest first; status "" is every status,
// alumnusID 0 every alumnus.
func (s *Service) List(ctx context.Context, status Status, alumnusID int64) ([]Invitation, error) {
	q := `SELECT * FROM (SELECT i.alumnus_id, a.name, a.email, a.leave_date, ` + statusSQL + ` AS status, i.sender_kind, i.sender_name,
		i.created_at, coalesce(i.sent_at, ''), i.expires_at, coalesce(i.accepted_at, ''), coalesce(i.revoked_at, '')
		FROM invitations i JOIN alumni a ON a.id = i.alumnus_id) WHERE (? = '' OR status = ?) AND (? = 0 OR alumnus_id = ?)
		ORDER BY created_at DESC LIMIT 2000`
	rows, err := s.d.Store.R.QueryContext(ctx, q, stamp(s.now()), status, status, alumnusID, alumnusID)
	if err != nil {
		return nil, fmt.Errorf("list invitations: %w", err)
	}
	defer rows.Close()
	out := []Invitation{}
	for rows.Next() {
		var v Invitation
		if err := rows.Scan(&v.AlumnusID, &v.Name, &v.Email, &v.LeaveDate, &v.Status, &v.SenderKind, &v.SenderName,
			&v.CreatedAt, &v.SentAt, &v.ExpiresAt, &v.AcceptedAt, &v.RevokedAt); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Revoke withdraws the alumnus's invitation: its link stops working.
func (s *Service) Revoke(ctx context.Context, alumnusID int64) error {
	res, err := s.d.Store.W.ExecContext(ctx, `UPDATE invitations SET revoked_at = ? WHERE alumnus_id = ? AND revoked_at IS NULL AND accepted_at IS NULL`,
		stamp(s.now()), alumnusID)
	if err != nil {
		return fmt.Errorf("revoke invitation: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	_ = s.d.Audit.Record(ctx, "invitations.revoke", "alumnus:"+strconv.FormatInt(alumnusID, 10), "")
	return nil
}

// Leaver is a candidate for a bulk invitation.
type Leaver struct {
	AlumnusID  int64  `json:"alumnus_id"`
	Name       string `json:"name"`
	Email      string `json:"email"`
	Department string `json:"department"`
	LeaveDate  string `json:"leave_date"`
	// Status is the current invitation's, "" when there is none.
	Status Status `json:"status"`
}

// Leavers lists alumni whose leave_date is within [from, to] (YYYY-MM-DD,
// possibly in the future) and who are not members yet.
func (s *Service) Leavers(ctx context.Context, from, to string) ([]Leaver, error) {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || t.Before(f) {
		return nil, ErrBadWindow
	}
	rows, err := s.d.Store.R.QueryContext(ctx, `SELECT a.id, a.name, a.email, a.department, a.leave_date,
		coalesce((SELECT `+statusSQL+` FROM invitations i WHERE i.alumnus_id = a.id), '')
		FROM alumni a WHERE a.leave_date BETWEEN ? AND ? AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.alumnus_id = a.id)
		ORDER BY a.leave_date, a.name_reading, a.id LIMIT ?`, stamp(s.now()), from, to+"\uffff", MaxBatch)
	if err != nil {
		return nil, fmt.Errorf("list leavers: %w", err)
	}
	defer rows.Close()
	out := []Leaver{}
	for rows.Next() {
		var v Leaver
		if err := rows.Scan(&v.AlumnusID, &v.Name, &v.Email, &v.Department, &v.LeaveDate, &v.Status); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
