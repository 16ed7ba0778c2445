package meetups

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Attendee is one RSVP as HR sees it.
type Attendee struct {
	AlumnusID   int64      `json:"alumnus_id"`
	Name        string     `json:"name"`
	NameReading string     `json:"name_reading"`
	Email       string     `json:"email"`
	State       string     `json:"state"`
	CheckedIn   *time.Time `json:"checked_in"`
}

var (
	errNoRSVP  = fault.New(fault.Conflict, "meetups.not_going", "この方は参加登録していません", "this alumnus is not attending")
	errBadCode = fault.New(fault.Invalid, "meetups.bad_code", "チェックインコードが違います", "wrong check-in code")
)

// Attendees lists the event's RSVPs: going, then the waitlist in order,
// then those who cancelled.
func (s *Service) Attendees(ctx context.Context, id int64) ([]Attendee, error) {
	if _, err := s.Get(ctx, id); err != nil {
		return nil, err
	}
	rows, err := s.st.R.QueryContext(ctx, `SELECT a.id, a.name, a.name_reading, a.email, r.state, r.checked_in
		FROM meetup_rsvps r JOIN alumni a ON a.id = r.alumnus_id WHERE r.meetup_id = ?
		ORDER BY CASE r.state WHEN 'going' THEN 0 WHEN 'waitlist' THEN 1 ELSE 2 END, r.seq`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Attendee{}
	for rows.Next() {
		var at Attendee
		var in string
		if err := rows.Scan(&at.AlumnusID, &at.Name, &at.NameReading, &at.Email, &at.State, &in); err != nil {
			return nil, err
		}
		if in != "" {
			t := parse(in)
			at.CheckedIn = &t
		}
		out = append(out, at)
	}
	return out, rows.Err()
}

// CheckIn marks (or with in false, unmarks) an attendee going as present.
func (s *Service) CheckIn(ctx context.Context, id, alumnusID int64, in bool) error {
	if _, err := s.Get(ctx, id); err != nil {
		return err
	}
	at := ""
	if in {
		at = stamp(s.cfg.Now())
	}
	res, err := s.st.W.ExecContext(ctx, "UPDATE meetup_rsvps SET checked_in = ? WHERE meetup_id = ? AND alumnus_id = ? AND state = 'going'", at, id, alumnusID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return errNoRSVP
	}
	if s.emit != nil && in {
		s.emit.Emit(ctx, "event.checkin", eventSubject(id), map[string]any{"event_id": id, "alumnus_id": alumnusID})
	}
	return nil
}

// CheckInWithCode lets an alumnus going check themselves in with the code
// shown at the venue.
func (s *Service) CheckInWithCode(ctx context.Context, alumnusID, id int64, code string) (Event, error) {
	ev, err := s.Show(ctx, alumnusID, id)
	if err != nil {
		return Event{}, err
	}
	var want string
	err = s.st.R.QueryRowContext(ctx, "SELECT checkin_code FROM meetups WHERE id = ?", id).Scan(&want)
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, errNotFound
	}
	if err != nil {
		return Event{}, err
	}
	if code == "" || code != want {
		return Event{}, errBadCode
	}
	if err := s.CheckIn(ctx, id, alumnusID, true); err != nil {
		return Event{}, err
	}
	return ev, nil
}
