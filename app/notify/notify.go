package notify

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"log/slog"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Channel is how an alumnus wants one kind of notification.
type Channel string

// The channels.
const (
	Portal Channel = "portal" // in the portal list only
	Mail   Channel = "mail"   // in the portal and by mail at once
	Digest Channel = "digest" // in the portal and in the weekly digest mail
	Off    Channel = "off"    // not at all
)

// Kinds lists the notification kinds an alumnus can set a preference for.
var Kinds = []string{"comment", "mention", "reaction", "event_reminder", "event_update", "news"}

// Mailer queues a transactional message (mail.Engine does).
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

// Notification is one entry of an alumnus's portal list.
type Notification struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	TitleJA   string    `json:"title_ja"`
	TitleEN   string    `json:"title_en"`
	Link      string    `json:"link"`
	CreatedAt time.Time `json:"created_at"`
	Read      bool      `json:"read"`
}

// Service stores notifications and delivers them by each alumnus's preference.
type Service struct {
	st     *store.Store
	mailer Mailer // nil: no mail, portal only
	log    *slog.Logger
	now    func() time.Time
	base   func() string // public base URL of the site, for links in mail
}

// New returns the notifications kept in st, mailing through m (may be nil).
// base gives the site's public URL (nil keeps links relative); now is the
// clock (nil: time.Now).
func New(st *store.Store, m Mailer, base func() string, now func() time.Time, log *slog.Logger) *Service {
	if base == nil {
		base = func() string { return "" }
	}
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.Default()
	}
	return &Service{st: st, mailer: m, log: log, now: now, base: base}
}

var (
	errBadKind    = fault.New(fault.Invalid, "notify.bad_kind", "通知の種類が正しくありません", "unknown notification kind")
	errBadChannel = fault.New(fault.Invalid, "notify.bad_channel", "受け取り方は portal・mail・digest・off のいずれかです", "channel must be portal, mail, digest or off")
	errNoTitle    = fault.New(fault.Invalid, "notify.no_title", "通知のタイトルが必要です", "a notification needs a title")
	errNotFound   = fault.New(fault.NotFound, "notify.not_found", "通知が見つかりません", "notification not found")
)

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Notify records a notification for the alumnus and delivers it by the
// alumnus's preference for kind: not at all when off, by mail at once when
// mail. Mail failures are logged, not returned: the portal entry stands.
func (s *Service) Notify(ctx context.Context, alumnusID int64, kind, titleJA, titleEN, link string) error {
	if kind == "" {
		return errBadKind
	}
	if titleJA == "" {
		return errNoTitle
	}
	ch, err := s.channel(ctx, alumnusID, kind)
	if err != nil {
		return err
	}
	if ch == Off {
		return nil
	}
	digested := 1
	if ch == Digest {
		digested = 0
	}
	if _, err := s.st.W.ExecContext(ctx, `INSERT INTO notifications(alumnus_id, kind, title_ja, title_en, link, created_at, digested)
		VALUES (?,?,?,?,?,?,?)`, alumnusID, kind, titleJA, titleEN, link, stamp(s.now()), digested); err != nil {
		return fmt.Errorf("notify: %w", err)
	}
	if ch == Mail && s.mailer != nil {
		body := "<p>" + html.EscapeString(titleJA) + "</p><p>" + html.EscapeString(titleEN) + "</p>" + s.linkHTML(link)
		if err := s.mailTo(ctx, alumnusID, "【お知らせ】"+titleJA, body); err != nil {
			s.log.Warn("notification mail not queued", "alumnus", alumnusID, "kind", kind, "err", err)
		}
	}
	return nil
}

func (s *Service) linkHTML(link string) string {
	if link == "" {
		return ""
	}
	u := html.EscapeString(s.base() + link)
	return `<p><a href="` + u + `">` + u + `</a></p>`
}

// mailTo queues a message to the alumnus's address.
func (s *Service) mailTo(ctx context.Context, alumnusID int64, subject, body string) error {
	var name, addr string
	err := s.st.R.QueryRowContext(ctx, "SELECT name, email FROM alumni WHERE id = ?", alumnusID).Scan(&name, &addr)
	if err != nil {
		return err
	}
	if addr == "" {
		return errors.New("no address")
	}
	_, err = s.mailer.Send(ctx, mail.Outgoing{To: addr, ToName: name, AlumnusID: alumnusID, Subject: subject, HTML: body})
	return err
}

// List returns the alumnus's newest notifications (at most limit) and the
// number unread.
func (s *Service) List(ctx context.Context, alumnusID int64, limit int) ([]Notification, int, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	rows, err := s.st.R.QueryContext(ctx, `SELECT id, kind, title_ja, title_en, link, created_at, read_at != ''
		FROM notifications WHERE alumnus_id = ? ORDER BY id DESC LIMIT ?`, alumnusID, limit)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	out := []Notification{}
	for rows.Next() {
		var n Notification
		var at string
		if err := rows.Scan(&n.ID, &n.Kind, &n.TitleJA, &n.TitleEN, &n.Link, &at, &n.Read); err != nil {
			return nil, 0, err
		}
		n.CreatedAt, _ = time.Parse(time.RFC3339Nano, at)
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	unread, err := s.Unread(ctx, alumnusID)
	return out, unread, err
}

// Unread counts the alumnus's unread notifications.
func (s *Service) Unread(ctx context.Context, alumnusID int64) (int, error) {
	var n int
	err := s.st.R.QueryRowContext(ctx, "SELECT count(*) FROM notifications WHERE alumnus_id = ? AND read_at = ''", alumnusID).Scan(&n)
	return n, err
}

// MarkRead marks one notification of the alumnus read (id 0: all of them).
func (s *Service) MarkRead(ctx context.Context, alumnusID, id int64) error {
	q, args := "UPDATE notifications SET read_at = ? WHERE alumnus_id = ? AND read_at = ''", []any{stamp(s.now()), alumnusID}
	if id != 0 {
		q, args = q+" AND id = ?", append(args, id)
	}
	res, err := s.st.W.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 && id != 0 {
		var one int
		if err := s.st.R.QueryRowContext(ctx, "SELECT 1 FROM notifications WHERE alumnus_id = ? AND id = ?", alumnusID, id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return errNotFound
		}
	}
	return nil
}
