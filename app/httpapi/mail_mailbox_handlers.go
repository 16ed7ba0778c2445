package httpapi

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
)

// caughtItem is one row of GET /api/mail/caught.
type caughtItem struct {
	ID         int64     `json:"id"`
	ReceivedAt time.Time `json:"received_at"`
	From       string    `json:"from"`
	To         []string  `json:"to"`
	Subject    string    `json:"subject"`
	MessageID  string    `json:"message_id"`
}

func newCaughtItem(m mail.CaughtMessage) caughtItem {
	to := m.RcptTo
	if to == nil {
		to = []string{}
	}
	return caughtItem{ID: m.ID, ReceivedAt: m.ReceivedAt.UTC(), From: m.MailFrom, To: to, Subject: m.Subject, MessageID: m.MessageID}
}

func (s *Server) listCaught(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	offset, limit, err := pageParams(r)
	if err != nil {
		return err
	}
	list, total, err := e.Mailbox().Search(r.Context(), r.URL.Query().Get("q"), limit, offset)
	if err != nil {
		return err
	}
	items := make([]caughtItem, len(list))
	for i, m := range list {
		items[i] = newCaughtItem(m)
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": total, "offset": offset, "limit": limit, "items": items})
	return nil
}

// pageParams reads offset and limit (default 50, at most 500).
func pageParams(r *http.Request) (offset, limit int, err error) {
	limit = 50
	if err := readInts(r.URL.Query(), []intParam{{"offset", &offset}, {"limit", &limit}}); err != nil {
		return 0, 0, err
	}
	if limit == 0 || limit > 500 {
		limit = 50
	}
	return offset, limit, nil
}

// intParam is a non-negative integer query parameter and where it goes.
type intParam struct {
	name string
	dst  *int
}

// readInts reads the parameters that are present, refusing values that
// are not non-negative integers.
func readInts(v url.Values, params []intParam) error {
	for _, p := range params {
		if s := v.Get(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				return errBadParam.Withf("%s は0以上の整数です", "%s must be a non-negative integer", p.name)
			}
			*p.dst = n
		}
	}
	return nil
}

// caughtMessage reads one caught message and records that it was viewed:
// mail to alumni is personal data.
func (s *Server) caughtMessage(r *http.Request, what string) (mail.CaughtMessage, error) {
	e, err := s.mailEngine()
	if err != nil {
		return mail.CaughtMessage{}, err
	}
	id, err := pathID(r)
	if err != nil {
		return mail.CaughtMessage{}, err
	}
	m, err := e.Mailbox().Get(r.Context(), id)
	if err != nil {
		return m, err
	}
	return m, s.Audit.Record(r.Context(), "mail.caught."+what, "caught:"+strconv.FormatInt(id, 10), m.MessageID)
}

func (s *Server) getCaught(w http.ResponseWriter, r *http.Request) error {
	m, err := s.caughtMessage(r, "read")
	if err != nil {
		return err
	}
	p, err := mail.ParseMessage(m.Raw)
	if err != nil {
		s.Log.Warn("caught message does not parse", "id", m.ID, "err", err)
	}
	item := newCaughtItem(m)
	if p.Subject != "" {
		item.Subject = p.Subject
	}
	writeJSON(w, http.StatusOK, struct {
		caughtItem
		HeaderFrom  string            `json:"header_from"`
		HeaderTo    []string          `json:"header_to"`
		Headers     [][2]string       `json:"headers"`
		HTML        string            `json:"html"`
		Text        string            `json:"text"`
		Attachments []mail.Attachment `json:"attachments"`
	}{item, p.From, p.To, p.Headers, p.HTML, p.Text, p.Attachments})
	return nil
}

func (s *Server) getCaughtRaw(w http.ResponseWriter, r *http.Request) error {
	m, err := s.caughtMessage(r, "raw")
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(m.Raw)
	return nil
}

func (s *Server) clearCaught(w http.ResponseWriter, r *http.Request) error {
	e, err := s.mailEngine()
	if err != nil {
		return err
	}
	n, err := e.Mailbox().Count(r.Context())
	if err != nil {
		return err
	}
	if err := e.Mailbox().Clear(r.Context()); err != nil {
		return err
	}
	if err := s.Audit.Record(r.Context(), "mail.caught.clear", "caught", strconv.Itoa(n)+" messages"); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
