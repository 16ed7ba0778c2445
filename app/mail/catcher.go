package mail

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net"
	"time"

	"github.com/emersion/go-message"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/store"
)

// Catcher is the built-in mail catcher: an SMTP server on loopback that
// keeps every message it receives in the database, so a new user can run a
// whole campaign without any mail server and the console can show it.
type Catcher struct {
	st  *store.Store
	log *slog.Logger
	srv *smtp.Server
	ln  net.Listener
}

// CaughtMessage is one message the catcher received.
type CaughtMessage struct {
	ID         int64     `json:"id"`
	ReceivedAt time.Time `json:"received_at"`
	MailFrom   string    `json:"mail_from"`
	RcptTo     []string  `json:"rcpt_to"`
	Subject    string    `json:"subject"` // decoded
	MessageID  string    `json:"message_id"`
	Headers    string    `json:"headers,omitempty"` // raw header block (Get only)
	Raw        []byte    `json:"raw,omitempty"`     // the whole message (Get only)
}

// MaxCaughtBytes caps one caught message.
const MaxCaughtBytes = 25 << 20

// NewCatcher returns a catcher over st; List and Get work without Start.
func NewCatcher(st *store.Store, log *slog.Logger) *Catcher {
	if log == nil {
		log = slog.Default()
	}
	return &Catcher{st: st, log: log}
}

// Start listens on addr (use "127.0.0.1:0" for any free port) and serves.
func (c *Catcher) Start(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &catchSession{c: c}, nil }))
	s.Domain = "localhost"
	s.MaxMessageBytes = MaxCaughtBytes
	s.MaxRecipients = 100
	s.ReadTimeout, s.WriteTimeout = time.Minute, time.Minute
	c.srv, c.ln = s, ln
	go func() {
		if err := s.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			c.log.Error("mail catcher stopped", "err", err)
		}
	}()
	return nil
}

// Addr is the host:port the catcher listens on.
func (c *Catcher) Addr() string { return c.ln.Addr().String() }

// Close stops the server.
func (c *Catcher) Close() error {
	if c.srv == nil {
		return nil
	}
	return c.srv.Close()
}

type catchSession struct {
	c    *Catcher
	from string
	to   []string
}

func (s *catchSession) Reset()        { s.from, s.to = "", nil }
func (s *catchSession) Logout() error { return nil }
func (s *catchSession) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}
func (s *catchSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

// Data stores the message before answering 250, so an accepted message is kept.
func (s *catchSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return s.c.store(context.Background(), s.from, s.to, raw)
}

func (c *Catcher) store(ctx context.Context, from string, to []string, raw []byte) error {
	var subject, msgID, headers string
	if h, err := textproto.ReadHeader(bufio.NewReader(bytes.NewReader(raw))); err == nil {
		mh := mail.Header{Header: message.Header{Header: h}}
		subject, _ = mh.Subject()
		msgID, _ = mh.MessageID()
		if i := bytes.Index(raw, []byte("\r\n\r\n")); i >= 0 {
			headers = string(raw[:i+2])
		}
	}
	rcpts, _ := json.Marshal(to)
	_, err := c.st.W.ExecContext(ctx, `INSERT INTO mail_caught(mail_from, rcpt_to, subject, message_id, headers, raw)
		VALUES (?, ?, ?, ?, ?, ?)`, from, string(rcpts), subject, msgID, headers, raw)
	return err
}

// List returns caught messages newest first, without bodies.
func (c *Catcher) List(ctx context.Context, limit, offset int) ([]CaughtMessage, error) {
	out, _, err := c.Search(ctx, "", limit, offset)
	return out, err
}

// Get returns one caught message with its headers and raw source.
func (c *Catcher) Get(ctx context.Context, id int64) (CaughtMessage, error) {
	m, err := scanCaught(c.st.R.QueryRowContext(ctx, `SELECT id, received_at, mail_from, rcpt_to, subject, message_id,
		headers, raw FROM mail_caught WHERE id = ?`, id), true)
	if errors.Is(err, sql.ErrNoRows) {
		return m, ErrNotFound
	}
	return m, err
}

// Count returns how many messages the catcher holds.
func (c *Catcher) Count(ctx context.Context) (int, error) {
	var n int
	err := c.st.R.QueryRowContext(ctx, `SELECT count(*) FROM mail_caught`).Scan(&n)
	return n, err
}

func scanCaught(s interface{ Scan(...any) error }, full bool) (CaughtMessage, error) {
	var m CaughtMessage
	var at, rcpts string
	dest := []any{&m.ID, &at, &m.MailFrom, &rcpts, &m.Subject, &m.MessageID}
	if full {
		dest = append(dest, &m.Headers, &m.Raw)
	}
	if err := s.Scan(dest...); err != nil {
		return m, err
	}
	m.ReceivedAt, _ = time.Parse(time.RFC3339Nano, at)
	json.Unmarshal([]byte(rcpts), &m.RcptTo)
	return m, nil
}
