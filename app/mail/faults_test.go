package mail

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-message/textproto"
	"github.com/emersion/go-smtp"
)

// faultyServer is a real go-smtp server on loopback that misbehaves: 421 to
// EHLO, 421 at MAIL, 452 at RCPT, 451 after DATA, dropped connections
// mid-DATA (all at random), 550 for every recipient whose address starts
// with "reject" and 554 after DATA for those starting with "spam".
type faultyServer struct {
	srv      *smtp.Server
	addr     string
	mu       sync.Mutex
	rnd      *rand.Rand
	p421     float64
	p451     float64
	pDrop    float64
	pGreet   float64       // 421 to EHLO
	p452     float64       // 452 to RCPT
	accepted map[int64]int // outbox id -> times accepted
	faults   map[string]int
}

func startFaultyServer(t *testing.T, p421, p451, pDrop float64) *faultyServer {
	t.Helper()
	f := &faultyServer{rnd: rand.New(rand.NewPCG(1, 2)), p421: p421, p451: p451, pDrop: pDrop,
		accepted: map[int64]int{}, faults: map[string]int{}}
	f.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		if f.roll(f.pGreet, "greet421") {
			return nil, &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "service not available, closing channel"}
		}
		return &faultySession{f: f, conn: c}, nil
	}))
	f.srv.Domain = "faulty.test"
	f.srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	f.addr = ln.Addr().String()
	go f.srv.Serve(ln)
	t.Cleanup(func() { f.srv.Close() })
	return f
}

func (f *faultyServer) roll(p float64, what string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rnd.Float64() < p {
		f.faults[what]++
		return true
	}
	return false
}

type faultySession struct {
	f    *faultyServer
	conn *smtp.Conn
	to   string
}

func (s *faultySession) Reset()        { s.to = "" }
func (s *faultySession) Logout() error { return nil }
func (s *faultySession) Mail(string, *smtp.MailOptions) error {
	if s.f.roll(s.f.p421, "421") {
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "too many messages, slow down"}
	}
	return nil
}
func (s *faultySession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasPrefix(to, "reject") {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	if s.f.roll(s.f.p452, "452") {
		return &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 2, 2}, Message: "mailbox full, try later"}
	}
	s.to = to
	return nil
}
func (s *faultySession) Data(r io.Reader) error {
	br := bufio.NewReader(r)
	if s.f.roll(s.f.pDrop, "drop") {
		br.Peek(100)
		s.conn.Conn().Close()
		return fmt.Errorf("connection dropped")
	}
	h, err := textproto.ReadHeader(br)
	if err != nil {
		return err
	}
	io.Copy(io.Discard, br)
	if strings.HasPrefix(s.to, "spam") {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "message content rejected"}
	}
	if s.f.roll(s.f.p451, "451") {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "temporary failure"}
	}
	id, _ := strconv.ParseInt(h.Get(HeaderMessage), 10, 64)
	s.f.mu.Lock()
	s.f.accepted[id]++
	s.f.mu.Unlock()
	return nil
}

// TestFaultInjection: at the end every message is accounted for: sent ones
// were accepted exactly once, rejected recipients failed with the 550 reply
// and are suppressed, nothing is left queued or sending.
func TestFaultInjection(t *testing.T) {
	tests := []struct {
		name               string
		p421, p451, pDrop  float64
		pGreet, p452       float64
		n, rejectEvery     int
		concurrency        int
		wantThrottleCutAny bool
	}{
		{"clean", 0, 0, 0, 0, 0, 60, 0, 4, false},
		{"throttling and drops", 0.15, 0.1, 0.05, 0, 0, 300, 7, 4, true},
		{"heavy weather", 0.3, 0.2, 0.1, 0, 0, 150, 5, 8, true},
		{"refused greetings and full mailboxes", 0.05, 0.05, 0.05, 0.2, 0.15, 200, 6, 6, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			srv := startFaultyServer(t, tc.p421, tc.p451, tc.pDrop)
			srv.pGreet, srv.p452 = tc.pGreet, tc.p452
			e, _ := newEngine(t, Config{Concurrency: tc.concurrency, Relay: &Relay{Addr: srv.addr, MinRatePerSecond: 300},
				BackoffBase: 2 * time.Millisecond, BackoffMax: 20 * time.Millisecond}, true)
			addrs := make([]string, tc.n)
			rejected := map[string]bool{}
			for i := range addrs {
				addrs[i] = fmt.Sprintf("user%d@example.jp", i)
				if tc.rejectEvery > 0 && i%tc.rejectEvery == 0 {
					addrs[i] = fmt.Sprintf("reject%d@example.jp", i)
					rejected[addrs[i]] = true
				}
				if tc.rejectEvery > 0 && i%tc.rejectEvery == 1 {
					addrs[i] = fmt.Sprintf("spam%d@example.jp", i)
					rejected[addrs[i]] = true
				}
			}
			addAlumni(t, e, addrs, nil)
			if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
				t.Fatal(err)
			}
			tx, err := e.Send(ctx, Outgoing{To: "reject-tx@example.jp", Subject: "x", HTML: "<p>x</p>"})
			if err != nil {
				t.Fatal(err)
			}
			rejected["reject-tx@example.jp"] = true
			run(t, e)

			rows, err := e.st.R.Query(`SELECT id, address, state, attempts, last_reply FROM mail_outbox`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			total, retried := 0, 0
			for rows.Next() {
				var id int64
				var addr, reply string
				var state State
				var attempts int
				rows.Scan(&id, &addr, &state, &attempts, &reply)
				total++
				if attempts > 1 {
					retried++
				}
				switch {
				case rejected[addr]:
					want := "550 5.1.1"
					if strings.HasPrefix(addr, "spam") {
						want = "554 5.7.1"
					}
					if state != Failed || !strings.HasPrefix(reply, want) || srv.accepted[id] != 0 {
						t.Errorf("%s: state %s reply %q accepted %d", addr, state, reply, srv.accepted[id])
					}
					if _, ok, _ := e.Suppressed(ctx, addr); !ok {
						t.Errorf("%s not suppressed after 550", addr)
					}
				default:
					if state != Sent || !strings.HasPrefix(reply, "250") || srv.accepted[id] != 1 {
						t.Errorf("%s (id %d): state %s reply %q accepted %d times", addr, id, state, reply, srv.accepted[id])
					}
				}
			}
			if total != tc.n+1 {
				t.Errorf("%d rows, want %d", total, tc.n+1)
			}
			if tx.ID == 0 {
				t.Error("no transactional row")
			}
			faults := srv.faults["421"] + srv.faults["451"] + srv.faults["drop"] + srv.faults["greet421"] + srv.faults["452"]
			if faults > 0 && retried == 0 {
				t.Errorf("%d faults but no message retried", faults)
			}
			t.Logf("faults %v, %d of %d messages needed retries", srv.faults, retried, total)
			if tc.wantThrottleCutAny && srv.faults["421"]+srv.faults["451"]+srv.faults["greet421"] > 0 && !e.throttle.slowed && e.throttle.current() > 1e9 {
				t.Error("throttling replies did not slow the sender")
			}
		})
	}
}

// TestMaxAgeGivesUp: a relay that always answers 4xx makes messages fail
// once they are older than MaxAge, with the last reply recorded.
func TestMaxAgeGivesUp(t *testing.T) {
	ctx := context.Background()
	srv := startFaultyServer(t, 1, 0, 0)
	e, _ := newEngine(t, Config{Concurrency: 1, Relay: &Relay{Addr: srv.addr}, MaxAge: 50 * time.Millisecond,
		BackoffBase: 5 * time.Millisecond, BackoffMax: 10 * time.Millisecond}, true)
	m, err := e.Send(ctx, Outgoing{To: "a@example.jp", Subject: "x", HTML: "<p>x</p>"})
	if err != nil {
		t.Fatal(err)
	}
	run(t, e)
	got := stateOf(t, e, m.ID)
	if got.State != Failed || got.Attempts < 2 || !strings.Contains(got.LastReply, "421 4.7.0") {
		t.Fatalf("row = %+v", got)
	}
	if _, ok, _ := e.Suppressed(ctx, "a@example.jp"); ok {
		t.Error("a temporary failure suppressed the address")
	}
}
