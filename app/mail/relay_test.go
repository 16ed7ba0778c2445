package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/mail/mailtest"
)

// selfSigned returns a server TLS config for 127.0.0.1 and localhost and
// the certificate in PEM (what a user pastes as the relay's trusted root).
func selfSigned(t *testing.T) (*tls.Config, string) {
	cert, pemText := mailtest.SelfSigned(t)
	return &tls.Config{Certificates: []tls.Certificate{cert}}, pemText
}

// testRelay is a real go-smtp server: TLS as configured, AUTH with the
// mechanisms given, and it counts concurrent deliveries per recipient domain.
type testRelay struct {
	addr  string
	mechs []string // AUTH mechanisms offered; nil: no AUTH
	user  string
	pass  string
	hold  time.Duration // time spent in DATA, so deliveries overlap

	mu       sync.Mutex
	got      map[string]int // recipient -> messages
	authMech []string       // mechanism of each successful login
	busy     map[string]int
	maxBusy  map[string]int
}

func startRelay(t *testing.T, mode TLSMode, tlsConf *tls.Config, r *testRelay) *testRelay {
	t.Helper()
	r.got, r.busy, r.maxBusy = map[string]int{}, map[string]int{}, map[string]int{}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }))
	s.Domain = "relay.test"
	s.TLSConfig = tlsConf
	s.ErrorLog = log.New(io.Discard, "", 0)
	var ln net.Listener
	var err error
	if mode == TLSImplicit {
		ln, err = tls.Listen("tcp", "127.0.0.1:0", tlsConf)
	} else {
		ln, err = net.Listen("tcp", "127.0.0.1:0")
	}
	if err != nil {
		t.Fatal(err)
	}
	r.addr = ln.Addr().String()
	go s.Serve(ln)
	t.Cleanup(func() { s.Close() })
	return r
}

type relaySession struct {
	r    *testRelay
	to   string
	auth bool
}

func (s *relaySession) AuthMechanisms() []string { return s.r.mechs }
func (s *relaySession) Auth(mech string) (sasl.Server, error) {
	check := func(user, pass string) error {
		if user != s.r.user || pass != s.r.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Error: authentication failed"}
		}
		s.auth = true
		s.r.mu.Lock()
		s.r.authMech = append(s.r.authMech, mech)
		s.r.mu.Unlock()
		return nil
	}
	if mech == sasl.Login {
		return &mailtest.LoginServer{Check: check}, nil
	}
	return sasl.NewPlainServer(func(_, user, pass string) error { return check(user, pass) }), nil
}

func (s *relaySession) Reset()        { s.to = "" }
func (s *relaySession) Logout() error { return nil }
func (s *relaySession) Mail(string, *smtp.MailOptions) error {
	if s.r.mechs != nil && !s.auth {
		return smtp.ErrAuthRequired
	}
	return nil
}
func (s *relaySession) Rcpt(to string, _ *smtp.RcptOptions) error { s.to = to; return nil }
func (s *relaySession) Data(r io.Reader) error {
	d := domainOf(s.to)
	s.r.mu.Lock()
	s.r.busy[d]++
	s.r.maxBusy[d] = max(s.r.maxBusy[d], s.r.busy[d])
	s.r.mu.Unlock()
	io.Copy(io.Discard, r)
	time.Sleep(s.r.hold)
	s.r.mu.Lock()
	s.r.busy[d]--
	s.r.got[s.to]++
	s.r.mu.Unlock()
	return nil
}

// TestDial: every TLS mode and login mechanism against real go-smtp
// servers, and the classified errors the settings screen shows.
func TestDial(t *testing.T) {
	serverTLS, caPEM := selfSigned(t)
	_, otherPEM := selfSigned(t)
	closed, _ := net.Listen("tcp", "127.0.0.1:0")
	closedAddr := closed.Addr().String()
	closed.Close()
	tests := []struct {
		name     string
		mode     TLSMode // server side
		mechs    []string
		relay    Relay // Addr filled in
		wantErr  error
		wantMech string
		wantText string // in the error message
	}{
		{"plain, no auth", TLSNone, nil, Relay{}, nil, "", ""},
		{"implicit TLS, trusted root, PLAIN", TLSImplicit, []string{sasl.Plain},
			Relay{TLS: TLSImplicit, TrustedCAPEM: caPEM, Username: "hr", Password: "secret"}, nil, sasl.Plain, ""},
		{"STARTTLS, trusted root, server offers LOGIN only", TLSStartTLS, []string{sasl.Login},
			Relay{TLS: TLSStartTLS, TrustedCAPEM: caPEM, Username: "hr", Password: "secret"}, nil, sasl.Login, ""},
		{"STARTTLS, LOGIN chosen although PLAIN is offered", TLSStartTLS, []string{sasl.Plain, sasl.Login},
			Relay{TLS: TLSStartTLS, TrustedCAPEM: caPEM, Username: "hr", Password: "secret", Auth: AuthLogin}, nil, sasl.Login, ""},
		{"implicit TLS, skip verify", TLSImplicit, nil, Relay{TLS: TLSImplicit, SkipVerify: true}, nil, "", ""},
		{"wrong password", TLSStartTLS, []string{sasl.Plain},
			Relay{TLS: TLSStartTLS, TrustedCAPEM: caPEM, Username: "hr", Password: "wrong"}, ErrRelayAuth, "", "535 5.7.8"},
		{"wrong password, LOGIN", TLSImplicit, []string{sasl.Login},
			Relay{TLS: TLSImplicit, TrustedCAPEM: caPEM, Username: "hr", Password: "wrong"}, ErrRelayAuth, "", "535 5.7.8"},
		{"untrusted certificate, implicit TLS", TLSImplicit, nil, Relay{TLS: TLSImplicit}, ErrRelayTLS, "", "certificate"},
		{"certificate of another CA, STARTTLS", TLSStartTLS, nil, Relay{TLS: TLSStartTLS, TrustedCAPEM: otherPEM}, ErrRelayTLS, "", "certificate"},
		{"STARTTLS against a plain server", TLSNone, nil, Relay{TLS: TLSStartTLS, SkipVerify: true}, ErrRelayTLS, "", "STARTTLS"},
		{"implicit TLS against a plain server", TLSNone, nil, Relay{TLS: TLSImplicit, SkipVerify: true}, ErrRelayTLS, "", ""},
		{"unreachable", TLSNone, nil, Relay{Addr: closedAddr}, ErrRelayUnreachable, "", "refused"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var conf *tls.Config
			if tc.mode != TLSNone {
				conf = serverTLS
			}
			srv := startRelay(t, tc.mode, conf, &testRelay{mechs: tc.mechs, user: "hr", pass: "secret"})
			r := tc.relay
			if r.Addr == "" {
				r.Addr = srv.addr
			}
			c, err := Dial(context.Background(), r)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("err = %v, want %v", err, tc.wantErr)
				}
				fe, _ := faultOf(err)
				if fe.JA == "" || fe.EN == "" || !strings.Contains(fe.EN, tc.wantText) || !strings.Contains(fe.JA, tc.wantText) {
					t.Errorf("message lacks %q or a language: %q / %q", tc.wantText, fe.JA, fe.EN)
				}
				if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "wrong") {
					t.Errorf("the password leaks into the error: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, ok := c.TLSConnectionState(); ok != (tc.mode != TLSNone) {
				t.Errorf("TLS = %v, want %v", ok, tc.mode != TLSNone)
			}
			if err := c.SendMail("a@kizuna.example.jp", []string{"b@example.jp"}, strings.NewReader("Subject: x\r\n\r\nx\r\n")); err != nil {
				t.Fatal(err)
			}
			if tc.wantMech != "" && (len(srv.authMech) != 1 || srv.authMech[0] != tc.wantMech) {
				t.Errorf("logged in with %v, want %s", srv.authMech, tc.wantMech)
			}
		})
	}
}

// TestSendOverTLSWithLogin: a campaign and a transactional message go out
// through a STARTTLS relay that wants AUTH LOGIN; a wrong password leaves
// the queue intact with the server's reply on each row.
func TestSendOverTLSWithLogin(t *testing.T) {
	ctx := context.Background()
	serverTLS, caPEM := selfSigned(t)
	srv := startRelay(t, TLSStartTLS, serverTLS, &testRelay{mechs: []string{sasl.Login}, user: "hr@kizuna.example.jp", pass: "s3cret"})
	relay := &Relay{Addr: srv.addr, TLS: TLSStartTLS, TrustedCAPEM: caPEM, Username: "hr@kizuna.example.jp", Password: "bad"}
	e, st := newEngine(t, Config{Concurrency: 2, Relay: relay, BackoffBase: time.Hour}, true)
	addAlumni(t, e, []string{"a@example.jp", "b@example.jp", "c@example.jp"}, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	m, err := e.Send(ctx, Outgoing{To: "d@example.jp", Subject: "ログイン用リンク", HTML: "<p>x</p>"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return stateOf(t, e, m.ID).Attempts > 0 })
	if err := e.Stop(ctx); err != nil {
		t.Fatal(err)
	}
	got := stateOf(t, e, m.ID)
	if got.State != Queued || !strings.Contains(got.LastReply, "535 5.7.8") {
		t.Fatalf("after a refused login: %+v", got)
	}
	if n := len(srv.got); n != 0 {
		t.Fatalf("%d messages delivered with a wrong password", n)
	}

	// The right password: everything goes, the retry included.
	relay.Password = "s3cret"
	e2, err := New(ctx, st, Config{Concurrency: 2, Relay: relay, BaseURL: "https://alumni.example.jp"}, quiet)
	if err != nil {
		t.Fatal(err)
	}
	st.W.Exec(`UPDATE mail_outbox SET next_attempt_at = 0`)
	run(t, e2)
	counts, _ := e2.Counts(ctx, 0)
	if counts[Sent] != 4 || len(srv.got) != 4 {
		t.Fatalf("counts %v, relay got %v", counts, srv.got)
	}
}

// TestDomainConcurrency: no more messages at once to one domain than its
// cap, while other domains use the remaining connections; every message goes.
func TestDomainConcurrency(t *testing.T) {
	ctx := context.Background()
	srv := startRelay(t, TLSNone, nil, &testRelay{hold: 5 * time.Millisecond})
	e, _ := newEngine(t, Config{Concurrency: 8, Relay: &Relay{Addr: srv.addr},
		DomainConcurrency: map[string]int{"gmail.com": 2, "docomo.ne.jp": 1}}, true)
	var addrs []string
	for i := 0; i < 120; i++ {
		addrs = append(addrs, fmt.Sprintf("g%d@gmail.com", i))
		if i%3 == 0 {
			addrs = append(addrs, fmt.Sprintf("d%d@docomo.ne.jp", i), fmt.Sprintf("o%d@example.jp", i))
		}
	}
	addAlumni(t, e, addrs, nil)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	run(t, e)
	counts, _ := e.Counts(ctx, 0)
	if counts[Sent] != len(addrs) || len(srv.got) != len(addrs) {
		t.Fatalf("counts %v, relay got %d of %d", counts, len(srv.got), len(addrs))
	}
	t.Logf("most at once: %v", srv.maxBusy)
	if srv.maxBusy["gmail.com"] > 2 || srv.maxBusy["docomo.ne.jp"] > 1 {
		t.Errorf("caps exceeded: %v", srv.maxBusy)
	}
	if srv.maxBusy["example.jp"] < 2 {
		t.Errorf("uncapped domain never sent in parallel: %v", srv.maxBusy)
	}
}

// waitFor polls cond for up to 10 s.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in 10 s")
		}
	}
}
