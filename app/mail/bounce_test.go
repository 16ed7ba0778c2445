package mail

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-smtp"
)

// dsnFixture fills a DSN in testdata/dsn with the message it reports.
func dsnFixture(t *testing.T, name string, orig CaughtMessage, id string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/dsn/" + name + ".eml")
	if err != nil {
		t.Fatal(err)
	}
	r := strings.NewReplacer("{{RCPT}}", orig.RcptTo[0], "{{MSGID}}", orig.MessageID, "{{ID}}", id,
		"{{HEADERS}}", strings.ReplaceAll(orig.Headers, "\r\n", "\n"), "{{MESSAGE}}", strings.ReplaceAll(string(orig.Raw), "\r\n", "\n"))
	return []byte(r.Replace(string(b)))
}

// sentCampaign sends a campaign to addrs through the catcher and returns
// each recipient's caught message.
func sentCampaign(t *testing.T, cfg Config, addrs []string) (*Engine, map[string]CaughtMessage) {
	t.Helper()
	ctx := context.Background()
	e, _ := newEngine(t, cfg, true)
	addAlumni(t, e, addrs, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	run(t, e)
	c := NewCatcher(e.st, quiet)
	list, _ := c.List(ctx, 100, 0)
	out := map[string]CaughtMessage{}
	for _, m := range list {
		full, _ := c.Get(ctx, m.ID)
		out[m.RcptTo[0]] = full
	}
	return e, out
}

func TestParseDSN(t *testing.T) {
	orig := CaughtMessage{RcptTo: []string{"taro@example.jp"}, MessageID: "abc123@kizuna.local",
		Headers: "Message-Id: <abc123@kizuna.local>\r\nX-Kizuna-Message: 42\r\nSubject: x\r\n\r\n",
		Raw:     []byte("Message-Id: <abc123@kizuna.local>\r\nX-Kizuna-Message: 42\r\nSubject: x\r\n\r\nbody\r\n")}
	tests := []struct {
		fixture    string
		want       []Bounce
		wantMsgID  string
		wantOutbox int64
		wantErr    error
	}{
		{"postfix-hard", []Bounce{{Address: "taro@example.jp", Kind: HardBounce, Status: "5.1.1",
			Diagnostic: "550 5.1.1 <taro@example.jp>: Recipient address rejected: User unknown in virtual mailbox table"}}, "abc123@kizuna.local", 42, nil},
		{"gmail-hard", []Bounce{{Address: "taro@example.jp", Kind: HardBounce, Status: "5.1.1"}}, "abc123@kizuna.local", 42, nil},
		{"postfix-soft", []Bounce{{Address: "taro@example.jp", Kind: SoftBounce, Status: "4.4.1"}}, "", 0, nil},
		{"postfix-delayed", nil, "abc123@kizuna.local", 42, nil},
		{"autoreply", nil, "", 0, ErrNotDSN},
	}
	for _, tc := range tests {
		t.Run(tc.fixture, func(t *testing.T) {
			rep, err := ParseDSN(bytes.NewReader(dsnFixture(t, tc.fixture, orig, "r1")))
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if rep.MessageID != tc.wantMsgID || rep.OutboxID != tc.wantOutbox || rep.ReportID == "" {
				t.Errorf("report ids %q %d %q", rep.MessageID, rep.OutboxID, rep.ReportID)
			}
			if len(rep.Bounces) != len(tc.want) {
				t.Fatalf("bounces %+v, want %+v", rep.Bounces, tc.want)
			}
			for i, b := range rep.Bounces {
				w := tc.want[i]
				if b.Address != w.Address || b.Kind != w.Kind || b.Status != w.Status || (w.Diagnostic != "" && b.Diagnostic != w.Diagnostic) || b.Diagnostic == "" {
					t.Errorf("bounce %+v, want %+v", b, w)
				}
			}
		})
	}
}

// TestBouncesOverSMTP: DSNs delivered to the inbound listener over SMTP are
// matched to the messages; a hard bounce suppresses at once, soft bounces
// on the third, a delayed warning and an auto-reply change nothing, and the
// same DSN twice counts once.
func TestBouncesOverSMTP(t *testing.T) {
	ctx := context.Background()
	e, sent := sentCampaign(t, Config{Concurrency: 2, BounceListen: "127.0.0.1:0", BounceAddresses: []string{"bounces@kizuna.example.jp"}},
		[]string{"hard@example.jp", "gmail@example.jp", "soft@example.jp", "late@example.jp"})
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx)
	addr := e.BounceListener().Addr()
	sendMail := func(to string, msg []byte) error {
		c, err := Dial(ctx, Relay{Addr: addr})
		if err != nil {
			return err
		}
		defer c.Close()
		return c.SendMail("", []string{to}, bytes.NewReader(msg))
	}
	deliver := func(fixture, rcpt, id string) {
		t.Helper()
		if err := sendMail("bounces@kizuna.example.jp", dsnFixture(t, fixture, sent[rcpt], id)); err != nil {
			t.Fatalf("%s: %v", fixture, err)
		}
	}
	suppressed := func(a string) bool { _, ok, _ := e.Suppressed(ctx, a); return ok }
	deliver("postfix-hard", "hard@example.jp", "d1")
	deliver("postfix-hard", "hard@example.jp", "d1") // the same DSN again
	deliver("gmail-hard", "gmail@example.jp", "d2")
	deliver("postfix-delayed", "late@example.jp", "d3")
	deliver("autoreply", "late@example.jp", "d4")
	for i := 1; i <= 3; i++ {
		if suppressed("soft@example.jp") {
			t.Fatalf("suppressed after %d soft bounces", i-1)
		}
		deliver("postfix-soft", "soft@example.jp", fmt.Sprintf("s%d", i))
	}
	err := sendMail("someone@kizuna.example.jp", []byte("Subject: x\r\n\r\nx\r\n"))
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 550 {
		t.Errorf("mail for another address: %v, want 550", err)
	}

	for addr, want := range map[string]struct {
		suppressed bool
		reply      string
		hard, soft int
	}{
		"hard@example.jp":  {true, "hard bounce 5.1.1", 1, 0},
		"gmail@example.jp": {true, "hard bounce 5.1.1", 1, 0},
		"soft@example.jp":  {true, "soft bounce 4.4.1", 0, 3},
		"late@example.jp":  {false, "250", 0, 0},
	} {
		if suppressed(addr) != want.suppressed {
			t.Errorf("%s suppressed = %v", addr, !want.suppressed)
		}
		var state, reply string
		e.st.R.QueryRow(`SELECT state, last_reply FROM mail_outbox WHERE address = ?`, addr).Scan(&state, &reply)
		if !strings.HasPrefix(reply, want.reply) || (state != "sent" && state != "bounced") {
			t.Errorf("%s: outbox %s %q, want reply %q", addr, state, reply, want.reply)
		}
		hard, soft, _ := e.BounceCount(ctx, addr, e.cfg.Now().AddDate(0, 0, -30))
		if hard != want.hard || soft != want.soft {
			t.Errorf("%s: %d hard, %d soft bounces; want %d, %d", addr, hard, soft, want.hard, want.soft)
		}
	}
}

// TestBouncesOverIMAP: the poller reads a real IMAP server's mailbox:
// DSNs are recorded and moved away, other mail stays unread where it was,
// and a second poll finds nothing new.
func TestBouncesOverIMAP(t *testing.T) {
	ctx := context.Background()
	e, sent := sentCampaign(t, Config{Concurrency: 2}, []string{"hard@example.jp", "gmail@example.jp", "late@example.jp"})

	mem := imapmemserver.New()
	user := imapmemserver.NewUser("bounces@kizuna.example.jp", "imap-pass")
	for _, mb := range []string{"INBOX", "Processed"} {
		if err := user.Create(mb, nil); err != nil {
			t.Fatal(err)
		}
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps: imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}}, InsecureAuth: true, Logger: quietLogger{}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	c, err := imapclient.DialInsecure(ln.Addr().String(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("bounces@kizuna.example.jp", "imap-pass").Wait(); err != nil {
		t.Fatal(err)
	}
	for i, f := range []struct{ fixture, rcpt string }{
		{"autoreply", "late@example.jp"}, {"postfix-hard", "hard@example.jp"}, {"gmail-hard", "gmail@example.jp"},
		{"postfix-delayed", "late@example.jp"},
	} {
		b := dsnFixture(t, f.fixture, sent[f.rcpt], fmt.Sprintf("m%d", i))
		w := c.Append("INBOX", int64(len(b)), nil)
		w.Write(b)
		w.Close()
		if _, err := w.Wait(); err != nil {
			t.Fatal(err)
		}
	}

	mb := BounceMailbox{Addr: ln.Addr().String(), Username: "bounces@kizuna.example.jp", Password: "imap-pass", MoveTo: "Processed"}
	n, err := e.PollBounces(ctx, mb)
	if err != nil || n != 3 {
		t.Fatalf("poll: %d DSNs, %v; want 3", n, err)
	}
	for _, a := range []string{"hard@example.jp", "gmail@example.jp"} {
		if _, ok, _ := e.Suppressed(ctx, a); !ok {
			t.Errorf("%s not suppressed", a)
		}
	}
	if _, ok, _ := e.Suppressed(ctx, "late@example.jp"); ok {
		t.Error("a delayed warning suppressed the address")
	}
	for mailbox, want := range map[string]uint32{"INBOX": 1, "Processed": 3} {
		st, err := c.Status(mailbox, &imap.StatusOptions{NumMessages: true, NumUnseen: true}).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if *st.NumMessages != want {
			t.Errorf("%s holds %d messages, want %d", mailbox, *st.NumMessages, want)
		}
		if mailbox == "INBOX" && *st.NumUnseen != 1 {
			t.Errorf("the auto-reply was marked read")
		}
	}
	if n, err := e.PollBounces(ctx, mb); err != nil || n != 0 {
		t.Errorf("second poll: %d, %v", n, err)
	}

	mb.Password = "wrong"
	if _, err := e.PollBounces(ctx, mb); !errors.Is(err, ErrBounceMailbox) {
		t.Errorf("wrong password: %v", err)
	}
}

type quietLogger struct{}

func (quietLogger) Printf(string, ...any) {}
