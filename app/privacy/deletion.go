package privacy

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
)

// The states of a deletion request.
const (
	Requested = "requested"
	Completed = "completed"
	Declined  = "declined"
)

// DeletionRequest is an alumnus's request to be deleted.
type DeletionRequest struct {
	ID          int64      `json:"id"`
	AlumnusID   int64      `json:"alumnus_id,omitempty"` // 0 once deleted
	Name        string     `json:"name"`                 // as at request time; cleared on completion
	State       string     `json:"state"`
	Reason      string     `json:"reason,omitempty"`
	RequestedAt time.Time  `json:"requested_at"`
	DecidedAt   *time.Time `json:"decided_at,omitempty"`
	DecidedBy   string     `json:"decided_by,omitempty"`
	address     string
}

const requestColumns = `id, coalesce(alumnus_id, 0), name, address, state, reason, requested_at, decided_at, decided_by`

func scanRequest(sc interface{ Scan(...any) error }) (DeletionRequest, error) {
	var d DeletionRequest
	var at string
	var decided sql.NullString
	err := sc.Scan(&d.ID, &d.AlumnusID, &d.Name, &d.address, &d.State, &d.Reason, &at, &decided, &d.DecidedBy)
	d.RequestedAt = parseTime(at)
	if decided.Valid {
		t := parseTime(decided.String)
		d.DecidedAt = &t
	}
	return d, err
}

func (s *Service) latestRequest(ctx context.Context, alumnusID int64) (*DeletionRequest, error) {
	d, err := scanRequest(s.Store.R.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM deletion_requests
		WHERE alumnus_id = ? ORDER BY id DESC LIMIT 1`, alumnusID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// RequestDeletion opens the member's deletion request, capturing their name
// and address to mail the outcome. A second one while one is open is refused.
func (s *Service) RequestDeletion(ctx context.Context, alumnusID int64) (DeletionRequest, error) {
	al, err := s.Roster.Get(ctx, alumnusID)
	if err != nil {
		return DeletionRequest{}, err
	}
	if cur, err := s.latestRequest(ctx, alumnusID); err != nil {
		return DeletionRequest{}, err
	} else if cur != nil && cur.State == Requested {
		return DeletionRequest{}, ErrRequestOpen
	}
	res, err := s.Store.W.ExecContext(ctx, `INSERT INTO deletion_requests(alumnus_id, name, address, requested_at)
		VALUES (?, ?, ?, ?)`, alumnusID, al.Name, al.Email, s.now())
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE constraint failed") {
			return DeletionRequest{}, ErrRequestOpen
		}
		return DeletionRequest{}, err
	}
	id, _ := res.LastInsertId()
	s.Audit.Record(ctx, "privacy.deletion_request", subject(alumnusID), "request="+strconv.FormatInt(id, 10))
	return s.request(ctx, id)
}

func (s *Service) request(ctx context.Context, id int64) (DeletionRequest, error) {
	d, err := scanRequest(s.Store.R.QueryRowContext(ctx, `SELECT `+requestColumns+` FROM deletion_requests WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrRequestNotFound
	}
	return d, err
}

// Requests lists deletion requests, open ones first, then newest first (HR).
func (s *Service) Requests(ctx context.Context) ([]DeletionRequest, error) {
	if err := auth.Authorize(ctx, auth.AlumniRead); err != nil {
		return nil, err
	}
	rows, err := s.Store.R.QueryContext(ctx, `SELECT `+requestColumns+` FROM deletion_requests
		ORDER BY state <> 'requested', id DESC LIMIT 500`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []DeletionRequest{}
	for rows.Next() {
		d, err := scanRequest(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// decide loads an open request for HR's decision.
func (s *Service) decide(ctx context.Context, id int64) (DeletionRequest, error) {
	if err := auth.Authorize(ctx, auth.AlumniDelete); err != nil {
		return DeletionRequest{}, err
	}
	d, err := s.request(ctx, id)
	if err != nil {
		return d, err
	}
	if d.State != Requested {
		return d, ErrAlreadyDecided
	}
	return d, nil
}

// Complete erases the alumnus for good (every row that refers to them),
// mails them the outcome at the address captured with the request and
// clears that address and name from the request.
func (s *Service) Complete(ctx context.Context, id int64) (DeletionRequest, error) {
	d, err := s.decide(ctx, id)
	if err != nil {
		return d, err
	}
	if d.AlumnusID != 0 {
		if err := s.Roster.Delete(ctx, d.AlumnusID); err != nil {
			return d, err
		}
	}
	s.mailOutcome(ctx, d, completedMail(d.Name))
	if _, err := s.Store.W.ExecContext(ctx, `UPDATE deletion_requests SET state = 'completed', name = '', address = '',
		decided_at = ?, decided_by = ? WHERE id = ?`, s.now(), actor.From(ctx).String(), id); err != nil {
		return d, err
	}
	s.Audit.Record(ctx, "privacy.deletion_complete", "deletion_request:"+strconv.FormatInt(id, 10), "")
	return s.request(ctx, id)
}

// Decline refuses the request with a reason, which is mailed to the person.
func (s *Service) Decline(ctx context.Context, id int64, reason string) (DeletionRequest, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return DeletionRequest{}, ErrMissingReason
	}
	if utf8.RuneCountInString(reason) > maxText {
		return DeletionRequest{}, ErrTextTooLong
	}
	d, err := s.decide(ctx, id)
	if err != nil {
		return d, err
	}
	if _, err := s.Store.W.ExecContext(ctx, `UPDATE deletion_requests SET state = 'declined', reason = ?,
		decided_at = ?, decided_by = ? WHERE id = ?`, reason, s.now(), actor.From(ctx).String(), id); err != nil {
		return d, err
	}
	s.mailOutcome(ctx, d, declinedMail(d.Name, reason))
	s.Audit.Record(ctx, "privacy.deletion_decline", "deletion_request:"+strconv.FormatInt(id, 10), "")
	return s.request(ctx, id)
}

// mailOutcome queues the outcome mail; a failure is logged (without the
// address), the decision stands.
func (s *Service) mailOutcome(ctx context.Context, d DeletionRequest, m outcome) {
	if d.address == "" || s.Mail == nil {
		return
	}
	if _, err := s.Mail.Send(ctx, m.to(d.address, d.Name)); err != nil {
		s.Log.Warn("deletion outcome mail not sent", "request", d.ID, "err", err)
	}
}
