package httpapi

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/meetups"
)

var errEventsOff = fault.New(fault.Unavailable, "meetups.unavailable", "イベント機能が起動していません", "the event services are not running")

// eventsOn answers 503 when the server was built without the event services.
func (s *Server) eventsOn() error {
	if s.Meetups == nil {
		return errEventsOff
	}
	return nil
}

func eventSubject(id int64) string { return "event:" + strconv.FormatInt(id, 10) }

// eventID checks the services and reads the path's event id.
func (s *Server) eventID(r *http.Request) (int64, error) {
	if err := s.eventsOn(); err != nil {
		return 0, err
	}
	return pathID(r)
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) error {
	if err := s.eventsOn(); err != nil {
		return err
	}
	list, err := s.Meetups.List(r.Context())
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) createEvent(w http.ResponseWriter, r *http.Request) error {
	if err := s.eventsOn(); err != nil {
		return err
	}
	var in meetups.Input
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	ev, err := s.Meetups.Create(r.Context(), in, actor.From(r.Context()).Name)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "event.create", eventSubject(ev.ID), ev.Title)
	writeJSON(w, http.StatusCreated, ev)
	return nil
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	ev, err := s.Meetups.Get(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ev)
	return nil
}

// eventChange runs an HR change on the path's event, audits it as action
// and answers with the event.
func (s *Server) eventChange(action string, op func(w http.ResponseWriter, r *http.Request, id int64) (meetups.Event, error)) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := s.eventID(r)
		if err != nil {
			return err
		}
		ev, err := op(w, r, id)
		if err != nil {
			return err
		}
		s.Audit.Record(r.Context(), action, eventSubject(id), ev.Title)
		writeJSON(w, http.StatusOK, ev)
		return nil
	}
}

func (s *Server) updateEvent(w http.ResponseWriter, r *http.Request, id int64) (meetups.Event, error) {
	var in meetups.Input
	if err := decodeJSON(w, r, &in); err != nil {
		return meetups.Event{}, err
	}
	return s.Meetups.Update(r.Context(), id, in)
}

func (s *Server) cancelEvent(_ http.ResponseWriter, r *http.Request, id int64) (meetups.Event, error) {
	return s.Meetups.Cancel(r.Context(), id)
}

func (s *Server) eventAttendees(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	list, err := s.Meetups.Attendees(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "event.attendees", eventSubject(id), ""); err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

// attendeeHeaders are the CSV columns of an attendee export.
var attendeeHeaders = []string{"アルムナイID", "氏名", "フリガナ", "メールアドレス", "状態", "チェックイン"}

var stateJA = map[string]string{meetups.Going: "参加", meetups.Waitlist: "キャンセル待ち", meetups.Withdrew: "キャンセル"}

// exportAttendees writes the attendee list as CSV Excel opens as is (UTF-8
// with BOM, CRLF).
func (s *Server) exportAttendees(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	list, err := s.Meetups.Attendees(r.Context(), id)
	if err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "event.export_attendees", eventSubject(id), ""); err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="event-%d-attendees.csv"`, id))
	w.Write([]byte("\ufeff"))
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	cw.Write(attendeeHeaders)
	for _, a := range list {
		in := ""
		if a.CheckedIn != nil {
			in = a.CheckedIn.In(jst).Format("2006-01-02 15:04")
		}
		cw.Write([]string{strconv.FormatInt(a.AlumnusID, 10), a.Name, a.NameReading, a.Email, stateJA[a.State], in})
	}
	cw.Flush()
	return cw.Error()
}

var jst = time.FixedZone("JST", 9*60*60)

func (s *Server) checkInAttendee(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	var in struct {
		AlumnusID int64 `json:"alumnus_id"`
		CheckedIn *bool `json:"checked_in"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.AlumnusID <= 0 {
		return errBadParam.Withf("alumnus_id は正の整数です", "alumnus_id must be a positive integer")
	}
	mark := in.CheckedIn == nil || *in.CheckedIn
	if err := s.Meetups.CheckIn(r.Context(), id, in.AlumnusID, mark); err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "event.checkin", eventSubject(id), fmt.Sprintf("alumnus:%d %v", in.AlumnusID, mark))
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) remindEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	n, err := s.Meetups.Remind(r.Context(), id)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "event.remind", eventSubject(id), strconv.Itoa(n))
	writeJSON(w, http.StatusOK, map[string]int{"reminded": n})
	return nil
}

// uploadEventPhoto takes the image as the raw request body.
func (s *Server) uploadEventPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, meetups.MaxPhotoBytes))
	var maxErr *http.MaxBytesError
	if errors.As(err, &maxErr) {
		return errTooLarge
	}
	if err != nil {
		return err
	}
	pid, err := s.Meetups.AddPhoto(r.Context(), id, data)
	if err != nil {
		return err
	}
	s.Audit.Record(r.Context(), "event.photo", eventSubject(id), strconv.FormatInt(pid, 10))
	writeJSON(w, http.StatusCreated, map[string]int64{"id": pid})
	return nil
}

func (s *Server) eventPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	data, _, err := s.Meetups.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	writeImage(w, cacheDay, data)
	return nil
}
