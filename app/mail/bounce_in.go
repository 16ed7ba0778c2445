package mail

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"io"
	"log"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// maxDSNBytes caps one inbound DSN (they carry at most the original message).
const maxDSNBytes = 10 << 20

// handleDSN parses one inbound message and records its bounces; a message
// that is not a DSN is ignored (false).
func (e *Engine) handleDSN(ctx context.Context, raw []byte, source string) (bool, error) {
	rep, err := ParseDSN(bytes.NewReader(raw))
	if errors.Is(err, ErrNotDSN) {
		return false, nil
	}
	if err != nil {
		e.log.Warn("mail: unreadable DSN ignored", "source", source, "err", err)
		return false, nil
	}
	sum, err := e.RecordReport(ctx, rep, source)
	if err == nil && sum.Hard+sum.Soft > 0 {
		e.log.Info("mail: bounce recorded", "source", source, "hard", sum.Hard, "soft", sum.Soft,
			"matched", sum.Matched, "suppressed", sum.Suppressed)
	}
	return true, err
}

// BounceListener is the inbound SMTP server DSNs are delivered to: it
// accepts mail for the bounce addresses only and records each DSN's
// bounces before it answers 250.
type BounceListener struct {
	srv *smtp.Server
	ln  net.Listener
}

// ListenBounces starts the inbound listener on addr (":2525", "127.0.0.1:0").
// accept lists the bounce addresses (the Return-Path); empty accepts any.
func (e *Engine) ListenBounces(addr string, accept []string) (*BounceListener, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	ok := map[string]bool{}
	for _, a := range accept {
		if n, err := NormalizeAddress(a); err == nil {
			ok[n] = true
		}
	}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &dsnSession{e: e, accept: ok}, nil }))
	s.Domain = e.cfg.Domain
	s.MaxMessageBytes = maxDSNBytes
	s.MaxRecipients = 10
	s.ReadTimeout, s.WriteTimeout = time.Minute, time.Minute
	s.ErrorLog = log.New(io.Discard, "", 0)
	l := &BounceListener{srv: s, ln: ln}
	go func() {
		if err := s.Serve(ln); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
			e.log.Error("mail: bounce listener stopped", "err", err)
		}
	}()
	return l, nil
}

// Addr is where the listener answers.
func (l *BounceListener) Addr() string { return l.ln.Addr().String() }

// Close stops the listener.
func (l *BounceListener) Close() error { return l.srv.Close() }

type dsnSession struct {
	e      *Engine
	accept map[string]bool
}

func (s *dsnSession) Reset()                               {}
func (s *dsnSession) Logout() error                        { return nil }
func (s *dsnSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *dsnSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if n, _ := NormalizeAddress(to); len(s.accept) > 0 && !s.accept[n] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox here"}
	}
	return nil
}
func (s *dsnSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if _, err := s.e.handleDSN(context.Background(), raw, "smtp"); err != nil {
		s.e.log.Error("mail: record bounce", "err", err)
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	return nil
}

// BounceMailbox is an IMAP mailbox Kizuna reads DSNs from (the mailbox of
// the Return-Path address at the company's mail provider).
type BounceMailbox struct {
	Addr     string  `json:"addr"`     // host:port, e.g. imap.example.jp:993
	TLS      TLSMode `json:"tls"`      // tls (port 993), starttls or "" (none: loopback only)
	Username string  `json:"username"` //
	Password string  `json:"password"` // never logged nor returned
	Mailbox  string  `json:"mailbox"`  // default INBOX
	// MoveTo is an optional mailbox processed DSNs are moved to; without it
	// they are only marked \Seen.
	MoveTo string `json:"move_to,omitempty"`
	// Interval between polls when the engine polls (default 5 minutes).
	Interval     time.Duration `json:"-"`
	SkipVerify   bool          `json:"-"`
	TrustedCAPEM string        `json:"-"`
}

// ErrBounceMailbox: the bounce mailbox cannot be read.
var ErrBounceMailbox = fault.New(fault.Invalid, "mail.bounce_mailbox",
	"不達通知用メールボックスを読めません（サーバー・TLS・ユーザー名・パスワード・フォルダ名を確認してください）",
	"cannot read the bounce mailbox (check the server, TLS, user name, password and folder)")

// PollBounces reads the unseen messages of the mailbox once: each DSN's
// bounces are recorded, then it is marked \Seen (and moved when MoveTo is
// set). Other messages are left as they are. Recording is idempotent, so a
// failure between recording and marking only repeats work.
func (e *Engine) PollBounces(ctx context.Context, mb BounceMailbox) (int, error) {
	c, err := dialIMAP(mb)
	if err != nil {
		return 0, ErrBounceMailbox.Wrap(err).Withf("%v", "%v", err)
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := c.Login(mb.Username, mb.Password).Wait(); err != nil {
		return 0, ErrBounceMailbox.Wrap(err).Withf("ログイン: %v", "login: %v", err)
	}
	mailbox := cmp.Or(mb.Mailbox, "INBOX")
	if _, err := c.Select(mailbox, nil).Wait(); err != nil {
		return 0, ErrBounceMailbox.Wrap(err).Withf("%s: %v", "%s: %v", mailbox, err)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{NotFlag: []imap.Flag{imap.FlagSeen}}, nil).Wait()
	if err != nil {
		return 0, err
	}
	uids := found.AllUIDs()
	n := 0
	const batch = 50
	for len(uids) > 0 {
		part := uids[:min(batch, len(uids))]
		uids = uids[len(part):]
		section := &imap.FetchItemBodySection{Peek: true}
		msgs, err := c.Fetch(imap.UIDSetNum(part...), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			return n, err
		}
		var done imap.UIDSet
		for _, m := range msgs {
			dsn, err := e.handleDSN(ctx, m.FindBodySection(section), "imap")
			if err != nil {
				return n, err
			}
			if dsn {
				done.AddNum(m.UID)
				n++
			}
		}
		if len(done) == 0 {
			continue
		}
		if err := c.Store(done, &imap.StoreFlags{Op: imap.StoreFlagsAdd, Silent: true, Flags: []imap.Flag{imap.FlagSeen}}, nil).Close(); err != nil {
			return n, err
		}
		if mb.MoveTo != "" {
			if _, err := c.Move(done, mb.MoveTo).Wait(); err != nil {
				return n, err
			}
		}
	}
	return n, c.Logout().Wait()
}

func dialIMAP(mb BounceMailbox) (*imapclient.Client, error) {
	tlsConf, err := Relay{Addr: mb.Addr, SkipVerify: mb.SkipVerify, TrustedCAPEM: mb.TrustedCAPEM}.tlsConfig()
	if err != nil {
		return nil, err
	}
	opts := &imapclient.Options{TLSConfig: tlsConf, Dialer: &net.Dialer{Timeout: dialTimeout}}
	switch mb.TLS {
	case TLSImplicit:
		return imapclient.DialTLS(mb.Addr, opts)
	case TLSStartTLS:
		return imapclient.DialStartTLS(mb.Addr, opts)
	default:
		return imapclient.DialInsecure(mb.Addr, opts)
	}
}

// pollBounces polls the mailbox every Interval until ctx ends.
func (e *Engine) pollBounces(ctx context.Context, mb BounceMailbox) {
	every := mb.Interval
	if every <= 0 {
		every = 5 * time.Minute
	}
	for {
		if _, err := e.PollBounces(ctx, mb); err != nil && ctx.Err() == nil {
			e.log.Warn("mail: bounce mailbox", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
	}
}
