package mail

import (
	"context"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/mail/mailtest"
)

func TestTestRelay(t *testing.T) {
	e, _ := newEngine(t, Config{}, true)
	plain := mailtest.Start(t, mailtest.Options{})
	authed := mailtest.Start(t, mailtest.Options{Username: "hr@example.jp", Password: "correct horse"})
	starttls := mailtest.Start(t, mailtest.Options{STARTTLS: true})
	implicit := mailtest.Start(t, mailtest.Options{ImplicitTLS: true})
	rejecting := mailtest.Start(t, mailtest.Options{RejectRcpt: true})
	tests := []struct {
		name      string
		relay     RelaySettings
		code      string // "" = success
		replyHas  string
		delivered *mailtest.Relay
	}{
		{"good", RelaySettings{Addr: plain.Addr}, "", "250 ", plain},
		{"auth plain", RelaySettings{Addr: authed.Addr, Username: "hr@example.jp", Password: "correct horse"}, "", "250 ", authed},
		{"auth login", RelaySettings{Addr: authed.Addr, Username: "hr@example.jp", Password: "correct horse", Auth: "login"}, "", "250 ", authed},
		{"wrong password", RelaySettings{Addr: authed.Addr, Username: "hr@example.jp", Password: "wrong"}, "mail.relay_auth", "535 5.7.8", nil},
		{"wrong password login", RelaySettings{Addr: authed.Addr, Username: "hr@example.jp", Password: "wrong", Auth: "login"}, "mail.relay_auth", "535", nil},
		{"untrusted starttls", RelaySettings{Addr: starttls.Addr, TLS: "starttls"}, "mail.relay_tls", "certificate", nil},
		{"trusted starttls", RelaySettings{Addr: starttls.Addr, TLS: "starttls", TrustedCert: starttls.CertPEM}, "", "250 ", starttls},
		{"untrusted implicit tls", RelaySettings{Addr: implicit.Addr, TLS: "tls"}, "mail.relay_tls", "certificate", nil},
		{"trusted implicit tls", RelaySettings{Addr: implicit.Addr, TLS: "tls", TrustedCert: implicit.CertPEM}, "", "250 ", implicit},
		{"starttls not offered", RelaySettings{Addr: plain.Addr, TLS: "starttls"}, "mail.relay_tls", "STARTTLS", nil},
		{"implicit tls to a plain server", RelaySettings{Addr: plain.Addr, TLS: "tls"}, "mail.relay_tls", "", nil},
		{"closed port", RelaySettings{Addr: mailtest.ClosedAddr(t)}, "mail.relay_unreachable", "connection refused", nil},
		{"rcpt rejected", RelaySettings{Addr: rejecting.Addr}, "mail.relay_rejected", "550 5.1.1 Recipient address rejected", nil},
		{"bad addr", RelaySettings{Addr: "smtp.example.jp"}, "mail.invalid_settings", "", nil},
		{"bad tls", RelaySettings{Addr: plain.Addr, TLS: "ssl"}, "mail.invalid_settings", "", nil},
		{"no relay", RelaySettings{}, "mail.invalid_settings", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := 0
			if tt.delivered != nil {
				before = len(tt.delivered.Messages())
			}
			reply, err := e.TestRelay(context.Background(), &tt.relay, "me@example.jp")
			if tt.code == "" {
				if err != nil || !strings.HasPrefix(reply, tt.replyHas) {
					t.Fatalf("reply %q, err %v", reply, err)
				}
				if got := tt.delivered.Messages(); len(got) != before+1 || !strings.Contains(strings.ToLower(string(got[len(got)-1])), "subject: =?utf-8?") {
					t.Fatalf("relay got %d messages", len(got))
				}
				return
			}
			fe, ok := faultOf(err)
			if !ok || fe.Code != tt.code {
				t.Fatalf("err %v, want %s", err, tt.code)
			}
			if !strings.Contains(fe.JA+fe.EN, tt.replyHas) || len(fe.Fields) == 0 {
				t.Fatalf("message %q / %q fields %v lacks %q", fe.JA, fe.EN, fe.Fields, tt.replyHas)
			}
		})
	}
	if _, err := e.TestRelay(context.Background(), &RelaySettings{Addr: plain.Addr}, "not an address"); err == nil {
		t.Fatal("bad recipient accepted")
	}
}

// TestTestRelayKeepsSavedPassword: a test with the saved settings, or with
// unsaved ones lacking the password, uses the saved password.
func TestTestRelayKeepsSavedPassword(t *testing.T) {
	e, _ := newEngine(t, Config{}, true)
	authed := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "s3cret"})
	ctx := context.Background()
	if _, err := e.SaveSettings(ctx, Settings{Relay: RelaySettings{Addr: authed.Addr, Username: "hr", Password: "s3cret"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.TestRelay(ctx, nil, "me@example.jp"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.TestRelay(ctx, &RelaySettings{Addr: authed.Addr, Username: "hr"}, "me@example.jp"); err != nil {
		t.Fatal(err)
	}
}
