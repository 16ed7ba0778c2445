package mail

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail/mailtest"
)

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name  string
		s     Settings
		field string // "" = valid
	}{
		{"empty is the catcher", Settings{}, ""},
		{"full", Settings{BaseURL: "https://alumni.example.jp", Relay: RelaySettings{Addr: "smtp.example.jp:587", TLS: "starttls",
			Username: "u", Password: "p", Auth: "login", MaxPerSecond: 10, MaxPerHour: 1000, Concurrency: 4}}, ""},
		{"no port", Settings{Relay: RelaySettings{Addr: "smtp.example.jp"}}, "relay.addr"},
		{"port out of range", Settings{Relay: RelaySettings{Addr: "smtp.example.jp:70000"}}, "relay.addr"},
		{"no host", Settings{Relay: RelaySettings{Addr: ":25"}}, "relay.addr"},
		{"tls value", Settings{Relay: RelaySettings{TLS: "ssl"}}, "relay.tls"},
		{"auth value", Settings{Relay: RelaySettings{Auth: "cram-md5"}}, "relay.auth"},
		{"negative rate", Settings{Relay: RelaySettings{MaxPerSecond: -1}}, "relay.max_per_second"},
		{"negative quota", Settings{Relay: RelaySettings{MaxPerHour: -5}}, "relay.max_per_hour"},
		{"negative concurrency", Settings{Relay: RelaySettings{Concurrency: -1}}, "relay.concurrency"},
		{"not a certificate", Settings{Relay: RelaySettings{TrustedCert: "hello"}}, "relay.trusted_cert"},
		{"base url scheme", Settings{BaseURL: "alumni.example.jp"}, "base_url"},
		{"dkim half", Settings{DKIM: DKIMSettings{Domain: "example.jp"}}, "dkim.selector"},
		{"dkim key", Settings{DKIM: DKIMSettings{Domain: "example.jp", Selector: "k1", PrivateKey: "nope"}}, "dkim.private_key"},
		{"imap addr", Settings{Bounce: BounceSettings{IMAPAddr: "imap.example.jp"}}, "bounce.imap_addr"},
		{"imap tls", Settings{Bounce: BounceSettings{IMAPTLS: "ssl"}}, "bounce.imap_tls"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.s.withDefaults().Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			fe, ok := faultOf(err)
			if !ok || fe.Code != "mail.invalid_settings" || fe.Fields[tt.field] == "" {
				t.Fatalf("got %v (fields %v), want a reason for %s", err, fe, tt.field)
			}
		})
	}
	if err := ValidateIdentity(Identity{FromAddress: "人事部 <hr@"}); err == nil {
		t.Fatal("malformed from address accepted")
	}
}

// TestSettingsSwapRelay: saving settings while the engine runs moves the
// next messages from the catcher to the relay and back, without a restart.
func TestSettingsSwapRelay(t *testing.T) {
	e, _ := newEngine(t, Config{}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx)
	send := func(to string) Message {
		t.Helper()
		m, err := e.Send(ctx, Outgoing{To: to, Subject: "テスト", HTML: "<p>本文</p>"})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		return stateOf(t, e, m.ID)
	}
	if m := send("a@example.jp"); m.State != Sent || e.Transport() != "catcher" {
		t.Fatalf("catcher: %+v, transport %s", m, e.Transport())
	}
	relay := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "pw"})
	if _, err := e.SaveSettings(ctx, Settings{Relay: RelaySettings{Addr: relay.Addr, Username: "hr", Password: "pw", MaxPerSecond: 50}}); err != nil {
		t.Fatal(err)
	}
	if m := send("b@example.jp"); m.State != Sent || len(relay.Messages()) != 1 || e.Transport() != "relay" {
		t.Fatalf("relay: %+v, relay got %d, transport %s", m, len(relay.Messages()), e.Transport())
	}
	got, _ := e.Settings(ctx)
	if got.Relay.Password != "pw" {
		t.Fatal("saved password lost")
	}
	if _, err := e.SaveSettings(ctx, Settings{}); err != nil {
		t.Fatal(err)
	}
	if m := send("c@example.jp"); m.State != Sent || len(relay.Messages()) != 1 || e.Transport() != "catcher" {
		t.Fatalf("back to catcher: %+v", m)
	}
	if n, _ := e.Mailbox().Count(ctx); n != 2 {
		t.Fatalf("catcher kept %d messages, want 2", n)
	}
}

// TestSettingsSwapMidCampaign: changing the relay while a campaign runs
// loses and repeats nothing: messages in flight finish on the old relay,
// the rest go through the new one.
func TestSettingsSwapMidCampaign(t *testing.T) {
	e, _ := newEngine(t, Config{}, true)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	oldRelay, newRelay := mailtest.Start(t, mailtest.Options{}), mailtest.Start(t, mailtest.Options{})
	if _, err := e.SaveSettings(ctx, Settings{Relay: RelaySettings{Addr: oldRelay.Addr, MaxPerSecond: 200}}); err != nil {
		t.Fatal(err)
	}
	const n = 300
	addrs := make([]string, n)
	for i := range addrs {
		addrs[i] = fmt.Sprintf("user%03d@example.jp", i)
	}
	addAlumni(t, e, addrs, nil)
	if err := e.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer e.Stop(ctx)
	if _, err := e.EnqueueCampaign(ctx, testCampaign, Audience{}); err != nil {
		t.Fatal(err)
	}
	for len(oldRelay.Messages()) < 20 && ctx.Err() == nil {
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := e.SaveSettings(ctx, Settings{Relay: RelaySettings{Addr: newRelay.Addr}}); err != nil {
		t.Fatal(err)
	}
	if err := e.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	counts, _ := e.Counts(ctx, 0)
	a, b := len(oldRelay.Messages()), len(newRelay.Messages())
	if counts[Sent] != n || a+b != n || b == 0 {
		t.Fatalf("counts %v; old relay %d, new relay %d", counts, a, b)
	}
}
