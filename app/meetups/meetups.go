package meetups

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Modes of an event.
const (
	Online = "online"
	OnSite = "onsite"
)

// Audience resolves a saved segment to its alumni (segments.Service does).
type Audience interface {
	Resolve(ctx context.Context, id int64) ([]int64, error)
}

// Mailer queues transactional mail and knows the sender (mail.Engine does).
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
	Identity(ctx context.Context) (mail.Identity, error)
}

// Notifier is app/notify's Service.
type Notifier interface {
	Notify(ctx context.Context, alumnusID int64, kind, titleJA, titleEN, link string) error
}

// Emitter appends to the domain-event log plugins read (events.Log does).
type Emitter interface {
	Emit(ctx context.Context, typ, subject string, data any) error
}

// Input is what HR writes for an event.
type Input struct {
	Title       string    `json:"title"`
	Description string    `json:"description"` // Markdown
	Mode        string    `json:"mode"`        // online or onsite
	Place       string    `json:"place"`
	OnlineURL   string    `json:"online_url"`
	StartsAt    time.Time `json:"starts_at"`
	EndsAt      time.Time `json:"ends_at"`
	Capacity    int       `json:"capacity"` // 0: unlimited
	SegmentID   *int64    `json:"segment_id"`
}

// Event is an event as HR or an alumnus sees it.
type Event struct {
	ID              int64     `json:"id"`
	Title           string    `json:"title"`
	Description     string    `json:"description"`
	DescriptionHTML string    `json:"description_html"` // sanitised
	Mode            string    `json:"mode"`
	Place           string    `json:"place"`
	OnlineURL       string    `json:"online_url,omitempty"` // only for HR and those going
	StartsAt        time.Time `json:"starts_at"`
	EndsAt          time.Time `json:"ends_at"`
	Capacity        int       `json:"capacity"`
	SegmentID       *int64    `json:"segment_id"`
	Cancelled       bool      `json:"cancelled"`
	Going           int       `json:"going"`
	Waitlisted      int       `json:"waitlisted"`
	CheckedIn       int       `json:"checked_in"`
	Photos          []int64   `json:"photos"`
	MyState         string    `json:"my_state,omitempty"`     // the alumnus's RSVP: going, waitlist, cancelled or ""
	CheckinCode     string    `json:"checkin_code,omitempty"` // HR only
	sequence        int
}

// Config holds what the service needs besides its collaborators.
type Config struct {
	Base func() string    // public URL of the site, for links in mail (nil keeps them relative)
	Now  func() time.Time // nil: time.Now
	Log  *slog.Logger
}

// Service keeps events and RSVPs.
type Service struct {
	st     *store.Store
	aud    Audience
	mailer Mailer   // nil: no mail
	notify Notifier // nil: no notifications
	emit   Emitter  // nil: no domain events
	cfg    Config
}

// New returns the events kept in st.
func New(st *store.Store, aud Audience, m Mailer, n Notifier, ev Emitter, cfg Config) *Service {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Base == nil {
		cfg.Base = func() string { return "" }
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	return &Service{st: st, aud: aud, mailer: m, notify: n, emit: ev, cfg: cfg}
}

var (
	errInvalid   = fault.New(fault.Invalid, "meetups.invalid", "イベントの内容を確認してください", "please check the event")
	errNotFound  = fault.New(fault.NotFound, "meetups.not_found", "イベントが見つかりません", "event not found")
	errCancelled = fault.New(fault.Conflict, "meetups.cancelled", "このイベントは中止されました", "this event has been cancelled")
	errPast      = fault.New(fault.Conflict, "meetups.past", "このイベントは受付を終了しました", "this event is over")
)

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func parse(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }

func validate(in *Input) error {
	in.Title, in.Place, in.OnlineURL = strings.TrimSpace(in.Title), strings.TrimSpace(in.Place), strings.TrimSpace(in.OnlineURL)
	f := map[string]string{}
	switch n := utf8.RuneCountInString(in.Title); {
	case n == 0:
		f["title"] = "タイトルを入力してください / enter a title"
	case n > 200:
		f["title"] = "タイトルは 200 文字までです / at most 200 characters"
	}
	if utf8.RuneCountInString(in.Description) > 20000 {
		f["description"] = "説明は 20000 文字までです / at most 20000 characters"
	}
	switch in.Mode {
	case Online:
		if u, err := url.Parse(in.OnlineURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			f["online_url"] = "参加用の URL（https://…）を入力してください / enter the meeting URL (https://…)"
		}
	case OnSite:
		if in.Place == "" {
			f["place"] = "会場を入力してください / enter the place"
		}
	default:
		f["mode"] = "online か onsite を選んでください / choose online or onsite"
	}
	switch {
	case in.StartsAt.IsZero():
		f["starts_at"] = "開始日時を入力してください / enter the start"
	case !in.EndsAt.After(in.StartsAt):
		f["ends_at"] = "終了は開始より後にしてください / the end must be after the start"
	}
	if in.Capacity < 0 || in.Capacity > 100000 {
		f["capacity"] = "定員は 0（無制限）から 100000 です / capacity is 0 (unlimited) to 100000"
	}
	if len(f) > 0 {
		return errInvalid.WithFields(f)
	}
	return nil
}

// newCode returns a six-digit check-in code.
func newCode() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1000000))
	return fmt.Sprintf("%06d", n.Int64())
}

// Create stores a new event.
func (s *Service) Create(ctx context.Context, in Input, by string) (Event, error) {
	if err := validate(&in); err != nil {
		return Event{}, err
	}
	res, err := s.st.W.ExecContext(ctx, `INSERT INTO meetups(title, description, mode, place, online_url, starts_at, ends_at,
		capacity, segment_id, checkin_code, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`,
		in.Title, in.Description, in.Mode, in.Place, in.OnlineURL, stamp(in.StartsAt), stamp(in.EndsAt),
		in.Capacity, in.SegmentID, newCode(), by, stamp(s.cfg.Now()))
	if err != nil {
		return Event{}, fmt.Errorf("create event: %w", err)
	}
	id, _ := res.LastInsertId()
	return s.Get(ctx, id)
}

// Update changes an event; those going are told and their calendars
// updated through a raised iCalendar sequence.
func (s *Service) Update(ctx context.Context, id int64, in Input) (Event, error) {
	if err := validate(&in); err != nil {
		return Event{}, err
	}
	res, err := s.st.W.ExecContext(ctx, `UPDATE meetups SET title=?, description=?, mode=?, place=?, online_url=?, starts_at=?,
		ends_at=?, capacity=?, segment_id=?, sequence = sequence + 1, reminded = 0 WHERE id = ?`,
		in.Title, in.Description, in.Mode, in.Place, in.OnlineURL, stamp(in.StartsAt), stamp(in.EndsAt), in.Capacity, in.SegmentID, id)
	if err != nil {
		return Event{}, fmt.Errorf("update event: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Event{}, errNotFound
	}
	ev, err := s.Get(ctx, id)
	if err != nil {
		return Event{}, err
	}
	s.tellGoing(ctx, ev, "event_update", "イベント「"+ev.Title+"」の内容が変わりました", "The event “"+ev.Title+"” has changed")
	return ev, nil
}

// Cancel calls an event off and tells those going.
func (s *Service) Cancel(ctx context.Context, id int64) (Event, error) {
	res, err := s.st.W.ExecContext(ctx, "UPDATE meetups SET cancelled = 1, sequence = sequence + 1 WHERE id = ? AND cancelled = 0", id)
	if err != nil {
		return Event{}, err
	}
	ev, err := s.Get(ctx, id)
	if err != nil {
		return Event{}, err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		s.tellGoing(ctx, ev, "event_update", "イベント「"+ev.Title+"」は中止になりました", "The event “"+ev.Title+"” has been cancelled")
	}
	return ev, nil
}

const eventColumns = `m.id, m.title, m.description, m.mode, m.place, m.online_url, m.starts_at, m.ends_at, m.capacity,
	m.segment_id, m.cancelled, m.checkin_code, m.sequence,
	(SELECT count(*) FROM meetup_rsvps r WHERE r.meetup_id = m.id AND r.state = 'going'),
	(SELECT count(*) FROM meetup_rsvps r WHERE r.meetup_id = m.id AND r.state = 'waitlist'),
	(SELECT count(*) FROM meetup_rsvps r WHERE r.meetup_id = m.id AND r.checked_in != '')`

func scanEvent(sc interface{ Scan(...any) error }) (Event, error) {
	var ev Event
	var starts, ends string
	var seg sql.NullInt64
	err := sc.Scan(&ev.ID, &ev.Title, &ev.Description, &ev.Mode, &ev.Place, &ev.OnlineURL, &starts, &ends, &ev.Capacity,
		&seg, &ev.Cancelled, &ev.CheckinCode, &ev.sequence, &ev.Going, &ev.Waitlisted, &ev.CheckedIn)
	if err != nil {
		return ev, err
	}
	ev.StartsAt, ev.EndsAt = parse(starts), parse(ends)
	if seg.Valid {
		ev.SegmentID = &seg.Int64
	}
	ev.DescriptionHTML, err = mail.MarkdownHTML(ev.Description)
	ev.Photos = []int64{}
	return ev, err
}

// Get returns an event as HR sees it.
func (s *Service) Get(ctx context.Context, id int64) (Event, error) {
	ev, err := scanEvent(s.st.R.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM meetups m WHERE m.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return Event{}, errNotFound
	}
	if err != nil {
		return Event{}, err
	}
	ev.Photos, err = s.photoIDs(ctx, id)
	return ev, err
}

// List returns every event, newest start first, as HR sees them.
func (s *Service) List(ctx context.Context) ([]Event, error) {
	rows, err := s.st.R.QueryContext(ctx, "SELECT "+eventColumns+" FROM meetups m ORDER BY m.starts_at DESC")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []Event{}
	for rows.Next() {
		ev, err := scanEvent(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, rows.Err()
}

// tellGoing notifies everyone going to ev (failures are logged).
func (s *Service) tellGoing(ctx context.Context, ev Event, kind, ja, en string) {
	if s.notify == nil {
		return
	}
	ids, err := s.attendeeIDs(ctx, ev.ID, "going")
	if err != nil {
		s.cfg.Log.Warn("event notification", "event", ev.ID, "err", err)
		return
	}
	for _, a := range ids {
		if err := s.notify.Notify(ctx, a, kind, ja, en, eventLink(ev.ID)); err != nil {
			s.cfg.Log.Warn("event notification", "event", ev.ID, "alumnus", a, "err", err)
		}
	}
}

func eventLink(id int64) string { return fmt.Sprintf("/portal/events/%d", id) }

func (s *Service) attendeeIDs(ctx context.Context, id int64, state string) ([]int64, error) {
	rows, err := s.st.R.QueryContext(ctx, "SELECT alumnus_id FROM meetup_rsvps WHERE meetup_id = ? AND state = ? ORDER BY seq", id, state)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var a int64
		if err := rows.Scan(&a); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
