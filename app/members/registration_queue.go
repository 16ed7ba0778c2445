package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// HR's approval queue: pending requests with their best roster candidates.

const regColumns = `id, email, name, name_reading, employee_number, join_year, leave_year, status, reason,
	coalesce(alumnus_id, 0), created_at, verified_at`

func scanRegistration(row interface{ Scan(...any) error }) (Registration, error) {
	var g Registration
	var created string
	var verified sql.NullString
	err := row.Scan(&g.ID, &g.Email, &g.Name, &g.NameReading, &g.EmployeeNumber, &g.JoinYear, &g.LeaveYear, &g.Status, &g.Reason,
		&g.AlumnusID, &created, &verified)
	g.CreatedAt, _ = time.Parse(time.RFC3339Nano, created)
	if verified.Valid {
		t, _ := time.Parse(time.RFC3339Nano, verified.String)
		g.VerifiedAt = &t
	}
	g.Candidates = []Candidate{}
	return g, err
}

// Queue returns the requests waiting for HR, oldest first, each with its
// best roster candidates.
func (r *Registrations) Queue(ctx context.Context) ([]Registration, error) {
	rows, err := r.login.st.R.QueryContext(ctx, "SELECT "+regColumns+" FROM registrations WHERE status = ? ORDER BY id", RegPending)
	if err != nil {
		return nil, fmt.Errorf("registration queue: %w", err)
	}
	out := []Registration{}
	for rows.Next() {
		g, err := scanRegistration(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, g)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Candidates, err = r.candidates(ctx, out[i].RegistrationRequest); err != nil {
			return nil, err
		}
		if out[i].Candidates == nil {
			out[i].Candidates = []Candidate{}
		}
	}
	return out, nil
}

// Get returns one request.
func (r *Registrations) Get(ctx context.Context, id int64) (Registration, error) {
	g, err := scanRegistration(r.login.st.R.QueryRowContext(ctx, "SELECT "+regColumns+" FROM registrations WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Registration{}, ErrNoRegistration
	}
	return g, err
}

func (r *Registrations) pending(ctx context.Context, id int64) (Registration, error) {
	g, err := r.Get(ctx, id)
	if err != nil {
		return g, err
	}
	if g.Status != RegPending {
		return g, ErrNotPending
	}
	return g, nil
}

// Approval is HR's decision to admit a queued request as the roster entry
// AlumnusID; UpdateEmail makes the request's address the roster's address
// (so the person logs in with it).
type Approval struct {
	AlumnusID   int64 `json:"alumnus_id"`
	UpdateEmail bool  `json:"update_email"`
}

// Approve admits a pending request as a roster entry and mails the person.
// It returns the request and the roster's previous address when it was
// replaced (for the audit log).
func (r *Registrations) Approve(ctx context.Context, id int64, a Approval) (Registration, string, error) {
	l := r.login
	g, err := r.pending(ctx, id)
	if err != nil {
		return g, "", err
	}
	if err := l.exists(ctx, a.AlumnusID); err != nil {
		return g, "", err
	}
	var oldEmail string
	if err := l.st.R.QueryRowContext(ctx, "SELECT email FROM alumni WHERE id = ?", a.AlumnusID).Scan(&oldEmail); err != nil {
		return g, "", err
	}
	replaced := ""
	if a.UpdateEmail && normEmail(oldEmail) != g.Email {
		var taken int
		if err := l.st.R.QueryRowContext(ctx, "SELECT count(*) FROM alumni WHERE lower(email) = ? AND id <> ?", g.Email, a.AlumnusID).Scan(&taken); err != nil {
			return g, "", err
		}
		if taken > 0 {
			return g, "", ErrEmailTaken
		}
		if _, err := l.st.W.ExecContext(ctx, "UPDATE alumni SET email = ?, updated_at = ? WHERE id = ?", g.Email, stamp(l.now()), a.AlumnusID); err != nil {
			return g, "", fmt.Errorf("approve registration: %w", err)
		}
		replaced = oldEmail
		if replaced == "" {
			replaced = "(none)"
		}
	}
	if err := l.Admit(ctx, a.AlumnusID, "registration"); err != nil {
		return g, "", err
	}
	if err := r.decide(ctx, id, RegApproved, a.AlumnusID, "", false); err != nil {
		return g, "", err
	}
	r.send(ctx, g.Email, g.Name, "登録が承認されました / Your registration was approved", regMail{Approved: true, Link: r.loginLink(),
		LoginEmail: map[bool]string{true: g.Email, false: oldEmail}[a.UpdateEmail || oldEmail == ""]})
	g, err = r.Get(ctx, id)
	return g, replaced, err
}

// Reject declines a pending request; the reason is mailed to the person.
func (r *Registrations) Reject(ctx context.Context, id int64, reason string) (Registration, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return Registration{}, ErrMissingReason
	}
	if len([]rune(reason)) > 1000 {
		return Registration{}, ErrMissingReason.WithFields(map[string]string{"reason": "1000文字以内 / at most 1000 characters"})
	}
	g, err := r.pending(ctx, id)
	if err != nil {
		return g, err
	}
	if err := r.decide(ctx, id, RegRejected, 0, reason, false); err != nil {
		return g, err
	}
	r.send(ctx, g.Email, g.Name, "登録申請について / About your registration", regMail{Rejected: true, Reason: reason})
	return r.Get(ctx, id)
}
