package meetups

import (
	"context"
	"database/sql"
	"errors"
	"slices"
)

// RSVP states.
const (
	Going    = "going"
	Waitlist = "waitlist"
	Withdrew = "cancelled"
)

// visible reports whether the alumnus may see ev: it targets everyone, or a
// segment the alumnus is in.
func (s *Service) visible(ctx context.Context, ev Event, alumnusID int64) (bool, error) {
	if ev.SegmentID == nil {
		return true, nil
	}
	if s.aud == nil {
		return false, nil
	}
	ids, err := s.aud.Resolve(ctx, *ev.SegmentID)
	if err != nil {
		return false, err
	}
	return slices.Contains(ids, alumnusID), nil
}

func (s *Service) myState(ctx context.Context, id, alumnusID int64) (string, error) {
	var st string
	err := s.st.R.QueryRowContext(ctx, "SELECT state FROM meetup_rsvps WHERE meetup_id = ? AND alumnus_id = ?", id, alumnusID).Scan(&st)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return st, err
}

// forAlumnus shapes ev for an alumnus: their RSVP state, the meeting URL
// only when going, no check-in code.
func (s *Service) forAlumnus(ctx context.Context, ev Event, alumnusID int64) (Event, error) {
	st, err := s.myState(ctx, ev.ID, alumnusID)
	if err != nil {
		return Event{}, err
	}
	ev.MyState, ev.CheckinCode = st, ""
	if st != Going {
		ev.OnlineURL = ""
	}
	return ev, nil
}

// Show returns an event the alumnus may see; one outside their segment is
// not found, as if it did not exist.
func (s *Service) Show(ctx context.Context, alumnusID, id int64) (Event, error) {
	ev, err := s.Get(ctx, id)
	if err != nil {
		return Event{}, err
	}
	ok, err := s.visible(ctx, ev, alumnusID)
	if err != nil {
		return Event{}, err
	}
	if !ok {
		return Event{}, errNotFound
	}
	return s.forAlumnus(ctx, ev, alumnusID)
}

// Browse returns the events the alumnus may see: upcoming ones (soonest
// first) or past ones (latest first), cancelled ones left out of the past.
func (s *Service) Browse(ctx context.Context, alumnusID int64, past bool) ([]Event, error) {
	all, err := s.List(ctx)
	if err != nil {
		return nil, err
	}
	now := s.cfg.Now()
	out := []Event{}
	for _, ev := range all {
		isPast := !ev.EndsAt.After(now)
		if isPast != past || (past && ev.Cancelled) {
			continue
		}
		if ok, err := s.visible(ctx, ev, alumnusID); err != nil {
			return nil, err
		} else if !ok {
			continue
		}
		if ev, err = s.forAlumnus(ctx, ev, alumnusID); err != nil {
			return nil, err
		}
		if past {
			if ev.Photos, err = s.photoIDs(ctx, ev.ID); err != nil {
				return nil, err
			}
		}
		out = append(out, ev)
	}
	if !past {
		slices.Reverse(out)
	}
	return out, nil
}

// RSVP registers the alumnus for an event they may see: going while there is
// room, on the waitlist when full. Answering again keeps the place held.
func (s *Service) RSVP(ctx context.Context, alumnusID, id int64) (Event, error) {
	ev, err := s.Show(ctx, alumnusID, id)
	if err != nil {
		return Event{}, err
	}
	switch {
	case ev.Cancelled:
		return Event{}, errCancelled
	case !ev.StartsAt.After(s.cfg.Now()):
		return Event{}, errPast
	case ev.MyState == Going || ev.MyState == Waitlist:
		return ev, nil
	}
	state, err := s.hold(ctx, id, alumnusID)
	if err != nil {
		return Event{}, err
	}
	if s.emit != nil {
		s.emit.Emit(ctx, "event.rsvp", eventSubject(id), map[string]any{"event_id": id, "alumnus_id": alumnusID, "state": state})
	}
	if state == Going {
		s.confirm(ctx, id, alumnusID)
	}
	return s.Show(ctx, alumnusID, id)
}

// hold takes a seat or a waitlist place in one write transaction, so
// concurrent RSVPs never overfill the event.
func (s *Service) hold(ctx context.Context, id, alumnusID int64) (string, error) {
	tx, err := s.st.W.BeginTx(ctx, nil)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var capacity, going, next int
	if err := tx.QueryRowContext(ctx, `SELECT capacity,
		(SELECT count(*) FROM meetup_rsvps WHERE meetup_id = ? AND state = 'going'),
		(SELECT coalesce(max(seq), 0) + 1 FROM meetup_rsvps WHERE meetup_id = ?)
		FROM meetups WHERE id = ?`, id, id, id).Scan(&capacity, &going, &next); err != nil {
		return "", err
	}
	state := Going
	if capacity > 0 && going >= capacity {
		state = Waitlist
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO meetup_rsvps(meetup_id, alumnus_id, state, seq, updated_at) VALUES (?,?,?,?,?)
		ON CONFLICT(meetup_id, alumnus_id) DO UPDATE SET state = excluded.state, seq = excluded.seq, checked_in = '',
		updated_at = excluded.updated_at`, id, alumnusID, state, next, stamp(s.cfg.Now())); err != nil {
		return "", err
	}
	return state, tx.Commit()
}

// Withdraw cancels the alumnus's RSVP; a seat freed goes to the first on the
// waitlist, who is told and sent the confirmation.
func (s *Service) Withdraw(ctx context.Context, alumnusID, id int64) (Event, error) {
	ev, err := s.Show(ctx, alumnusID, id)
	if err != nil {
		return Event{}, err
	}
	if ev.MyState != Going && ev.MyState != Waitlist {
		return ev, nil
	}
	if !ev.StartsAt.After(s.cfg.Now()) {
		return Event{}, errPast
	}
	promoted, err := s.release(ctx, id, alumnusID)
	if err != nil {
		return Event{}, err
	}
	if s.emit != nil {
		s.emit.Emit(ctx, "event.rsvp", eventSubject(id), map[string]any{"event_id": id, "alumnus_id": alumnusID, "state": Withdrew})
	}
	if promoted != 0 {
		if s.notify != nil {
			if err := s.notify.Notify(ctx, promoted, "event_update", "キャンセル待ちから「"+ev.Title+"」に参加できるようになりました",
				"A seat opened for “"+ev.Title+"”: you are now attending", eventLink(id)); err != nil {
				s.cfg.Log.Warn("promotion notification", "event", id, "err", err)
			}
		}
		s.confirm(ctx, id, promoted)
	}
	return s.Show(ctx, alumnusID, id)
}

// release withdraws the alumnus and, when a seat was freed, promotes the
// first on the waitlist; it returns the promoted alumnus (0: none).
func (s *Service) release(ctx context.Context, id, alumnusID int64) (int64, error) {
	tx, err := s.st.W.BeginTx(ctx, nil)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	var was string
	if err := tx.QueryRowContext(ctx, "SELECT state FROM meetup_rsvps WHERE meetup_id = ? AND alumnus_id = ?", id, alumnusID).Scan(&was); err != nil {
		return 0, err
	}
	now := stamp(s.cfg.Now())
	if _, err := tx.ExecContext(ctx, "UPDATE meetup_rsvps SET state = 'cancelled', updated_at = ? WHERE meetup_id = ? AND alumnus_id = ?", now, id, alumnusID); err != nil {
		return 0, err
	}
	var promoted int64
	if was == Going {
		err := tx.QueryRowContext(ctx, `SELECT alumnus_id FROM meetup_rsvps WHERE meetup_id = ? AND state = 'waitlist'
			AND (SELECT capacity = 0 OR capacity > (SELECT count(*) FROM meetup_rsvps WHERE meetup_id = ? AND state = 'going') FROM meetups WHERE id = ?)
			ORDER BY seq LIMIT 1`, id, id, id).Scan(&promoted)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, err
		}
		if promoted != 0 {
			if _, err := tx.ExecContext(ctx, "UPDATE meetup_rsvps SET state = 'going', updated_at = ? WHERE meetup_id = ? AND alumnus_id = ?", now, id, promoted); err != nil {
				return 0, err
			}
		}
	}
	return promoted, tx.Commit()
}

func eventSubject(id int64) string { return "event:" + itoa(id) }
