package httpapi

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/meetups"
	"github.com/kizuna-hr/kizuna/app/notify"
)

var (
	errNotifyOff     = fault.New(fault.Unavailable, "notify.unavailable", "通知機能が起動していません", "the notification service is not running")
	errMemberTooFast = fault.New(fault.TooMany, "portal.too_many", "操作が多すぎます。しばらくしてからもう一度お試しください", "too many requests; please try again shortly")
)

// memberPostLimits bounds how often one alumnus may trigger mail (RSVPs,
// check-ins): a burst, then one a second.
func memberPostLimits() *ipLimiter { return &ipLimiter{every: time.Second, burst: 30} }

// memberPost checks the alumnus's posting rate and returns their id.
func (s *Server) memberPost(r *http.Request) (int64, error) {
	a := actor.From(r.Context())
	if !s.memberPosts.allow("alumnus:" + strconv.FormatInt(a.ID, 10)) {
		return 0, errMemberTooFast
	}
	return a.ID, nil
}

func (s *Server) portalEvents(w http.ResponseWriter, r *http.Request) error {
	if err := s.eventsOn(); err != nil {
		return err
	}
	list, err := s.Meetups.Browse(r.Context(), actor.From(r.Context()).ID, r.URL.Query().Get("past") == "1")
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list})
	return nil
}

func (s *Server) portalEvent(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	ev, err := s.Meetups.Show(r.Context(), actor.From(r.Context()).ID, id)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, ev)
	return nil
}

// portalRSVPAction runs an alumnus's RSVP action on the path's event.
func (s *Server) portalRSVPAction(fn func(m *meetups.Service) memberAction) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		id, err := s.eventID(r)
		if err != nil {
			return err
		}
		a, err := s.memberPost(r)
		if err != nil {
			return err
		}
		ev, err := fn(s.Meetups)(w, r, a, id)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, ev)
		return nil
	}
}

// memberAction is what an alumnus does to an event.
type memberAction func(w http.ResponseWriter, r *http.Request, alumnusID, id int64) (meetups.Event, error)

func rsvp(m *meetups.Service) memberAction {
	return func(_ http.ResponseWriter, r *http.Request, a, id int64) (meetups.Event, error) {
		return m.RSVP(r.Context(), a, id)
	}
}

func withdraw(m *meetups.Service) memberAction {
	return func(_ http.ResponseWriter, r *http.Request, a, id int64) (meetups.Event, error) {
		return m.Withdraw(r.Context(), a, id)
	}
}

// checkInWithCode reads {code} and checks the alumnus in.
func checkInWithCode(m *meetups.Service) memberAction {
	return func(w http.ResponseWriter, r *http.Request, a, id int64) (meetups.Event, error) {
		var in struct {
			Code string `json:"code"`
		}
		if err := decodeJSON(w, r, &in); err != nil {
			return meetups.Event{}, err
		}
		return m.CheckInWithCode(r.Context(), a, id, in.Code)
	}
}

// portalEventPhoto serves a photo of an event the alumnus may see.
func (s *Server) portalEventPhoto(w http.ResponseWriter, r *http.Request) error {
	id, err := s.eventID(r)
	if err != nil {
		return err
	}
	data, ev, err := s.Meetups.Photo(r.Context(), id)
	if err != nil {
		return err
	}
	if _, err := s.Meetups.Show(r.Context(), actor.From(r.Context()).ID, ev); err != nil {
		return err
	}
	writeImage(w, cacheDay, data)
	return nil
}

func (s *Server) notifyOn() error {
	if s.Notify == nil {
		return errNotifyOff
	}
	return nil
}

func (s *Server) portalNotifications(w http.ResponseWriter, r *http.Request) error {
	if err := s.notifyOn(); err != nil {
		return err
	}
	list, unread, err := s.Notify.List(r.Context(), actor.From(r.Context()).ID, 50)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": list, "unread": unread})
	return nil
}

func (s *Server) portalReadNotifications(w http.ResponseWriter, r *http.Request) error {
	if err := s.notifyOn(); err != nil {
		return err
	}
	var in struct {
		ID int64 `json:"id"` // 0: all
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.Notify.MarkRead(r.Context(), actor.From(r.Context()).ID, in.ID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) writePrefs(w http.ResponseWriter, r *http.Request) error {
	p, err := s.Notify.Prefs(r.Context(), actor.From(r.Context()).ID)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, map[string]any{"prefs": p})
	return nil
}

func (s *Server) portalNotifyPrefs(w http.ResponseWriter, r *http.Request) error {
	if err := s.notifyOn(); err != nil {
		return err
	}
	return s.writePrefs(w, r)
}

func (s *Server) portalSetNotifyPrefs(w http.ResponseWriter, r *http.Request) error {
	if err := s.notifyOn(); err != nil {
		return err
	}
	var in struct {
		Prefs map[string]notify.Channel `json:"prefs"`
	}
	if err := decodeJSON(w, r, &in); err != nil {
		return err
	}
	if err := s.Notify.SetPrefs(r.Context(), actor.From(r.Context()).ID, in.Prefs); err != nil {
		return err
	}
	return s.writePrefs(w, r)
}
