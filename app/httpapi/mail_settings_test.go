package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail/mailtest"
)

const relayPassword = "Tr0ub4dor&3-secret"

var goodIdentity = map[string]string{"name": "株式会社きずな商事 人事部", "from_address": "alumni@kizuna.example.jp",
	"postal_address": "東京都千代田区丸の内1-1-1", "contact": "03-1234-5678"}

// TestMailSettingsSecretsNeverLeave: the relay password is stored and used
// but never returned, logged or written to the audit log.
func TestMailSettingsSecretsNeverLeave(t *testing.T) {
	var logs bytes.Buffer
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(prev)
	f := newFixture(t)
	relay := mailtest.Start(t, mailtest.Options{Username: "hr@kizuna.example.jp", Password: relayPassword})

	code, body := f.do(t, auth.HRAdmin, "GET", "/api/mail/settings", nil, "")
	if code != 200 || !strings.Contains(string(body), `"transport":"catcher"`) || !strings.Contains(string(body), `"identity_complete":false`) {
		t.Fatalf("defaults: %d %s", code, body)
	}
	put := map[string]any{"identity": goodIdentity, "base_url": "https://alumni.kizuna.example.jp",
		"relay": map[string]any{"addr": relay.Addr, "tls": "none", "username": "hr@kizuna.example.jp", "password": relayPassword,
			"auth": "plain", "max_per_second": 20, "max_per_hour": 5000, "concurrency": 2},
		"dkim":   map[string]any{"domain": "kizuna.example.jp", "selector": "k1", "private_key": "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n-----END PRIVATE KEY-----\n"},
		"bounce": map[string]any{"imap_addr": "imap.kizuna.example.jp:993", "imap_tls": "tls", "username": "bounce", "password": relayPassword + "-imap"}}
	code, body = f.do(t, auth.HRAdmin, "PUT", "/api/mail/settings", jsonBody(put), "application/json")
	if code != 200 {
		t.Fatalf("put: %d %s", code, body)
	}
	var got struct {
		IdentityComplete bool   `json:"identity_complete"`
		Transport        string `json:"transport"`
		BaseURL          string `json:"base_url"`
		Relay            struct {
			PasswordSet bool `json:"password_set"`
			Concurrency int  `json:"concurrency"`
		} `json:"relay"`
		DKIM struct {
			PrivateKeySet bool `json:"private_key_set"`
		} `json:"dkim"`
	}
	_, body = f.do(t, auth.Owner, "GET", "/api/mail/settings", nil, "")
	json.Unmarshal(body, &got)
	if !got.IdentityComplete || got.Transport != "relay" || !got.Relay.PasswordSet || got.Relay.Concurrency != 2 ||
		!got.DKIM.PrivateKeySet || got.BaseURL != "https://alumni.kizuna.example.jp" {
		t.Fatalf("after put: %s", body)
	}
	// Saving again without the password keeps it: the relay test with the saved values logs in.
	delete(put["relay"].(map[string]any), "password")
	if code, body := f.do(t, auth.HRAdmin, "PUT", "/api/mail/settings", jsonBody(put), "application/json"); code != 200 {
		t.Fatalf("put without password: %d %s", code, body)
	}
	code, body = f.do(t, auth.HRAdmin, "POST", "/api/mail/settings/test", jsonBody(map[string]any{"to": "me@kizuna.example.jp"}), "application/json")
	if code != 200 || !strings.Contains(string(body), `"reply":"250 `) || len(relay.Messages()) != 1 {
		t.Fatalf("test with saved settings: %d %s", code, body)
	}
	stored, _ := f.mail.Settings(context.Background())
	if stored.Relay.Password != relayPassword || stored.DKIM.PrivateKey == "" {
		t.Fatal("the Go accessor lost a secret")
	}
	entries, _ := audit.New(f.st).List(context.Background(), audit.Filter{Action: "mail.settings.update"})
	if len(entries) != 2 {
		t.Fatalf("%d settings audit entries", len(entries))
	}
	for _, where := range []string{string(body), logs.String(), entries[0].Detail, entries[1].Detail} {
		if strings.Contains(where, relayPassword) || strings.Contains(where, "BEGIN PRIVATE KEY") {
			t.Fatalf("a secret leaked: %.300s", where)
		}
	}
	_, body = f.do(t, auth.Owner, "GET", "/api/mail/settings", nil, "")
	if strings.Contains(string(body), relayPassword) || strings.Contains(string(body), `"password":`) {
		t.Fatalf("settings returned a secret: %s", body)
	}
	// Without an identity in the body the saved one stays; an empty relay means the catcher again.
	code, body = f.do(t, auth.Owner, "PUT", "/api/mail/settings", jsonBody(map[string]any{"base_url": ""}), "application/json")
	if code != 200 || !strings.Contains(string(body), `"identity_complete":true`) || !strings.Contains(string(body), `"transport":"catcher"`) ||
		!strings.Contains(string(body), `"base_url_default":true`) {
		t.Fatalf("partial put: %d %s", code, body)
	}
}

func TestMailSettingsBadInput(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name  string
		body  map[string]any
		field string
	}{
		{"host without port", map[string]any{"relay": map[string]any{"addr": "smtp.example.jp"}}, "relay.addr"},
		{"port not a number", map[string]any{"relay": map[string]any{"addr": "smtp.example.jp:smtp"}}, "relay.addr"},
		{"tls value", map[string]any{"relay": map[string]any{"addr": "smtp.example.jp:465", "tls": "ssl"}}, "relay.tls"},
		{"auth value", map[string]any{"relay": map[string]any{"auth": "ntlm"}}, "relay.auth"},
		{"negative rate", map[string]any{"relay": map[string]any{"max_per_second": -1}}, "relay.max_per_second"},
		{"negative quota", map[string]any{"relay": map[string]any{"max_per_hour": -10}}, "relay.max_per_hour"},
		{"malformed from", map[string]any{"identity": map[string]any{"from_address": "人事部@"}}, "identity.from_address"},
		{"base url", map[string]any{"base_url": "ftp://alumni.example.jp"}, "base_url"},
	}
	for _, c := range cases {
		code, body := f.do(t, auth.HRAdmin, "PUT", "/api/mail/settings", jsonBody(c.body), "application/json")
		e := decodeError(t, body)
		if code != 422 || e.Error.Fields[c.field] == "" || !strings.Contains(e.Error.Fields[c.field], " / ") {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	if s, _ := f.mail.Settings(context.Background()); s.Relay.Addr != "" {
		t.Fatal("an invalid PUT saved something")
	}
}

// TestMailSettingsTest: the "send test" button against real relays reports
// the server's reply or a classified, bilingual 422.
func TestMailSettingsTest(t *testing.T) {
	f := newFixture(t)
	authed := mailtest.Start(t, mailtest.Options{Username: "hr", Password: "pw"})
	tlsRelay := mailtest.Start(t, mailtest.Options{STARTTLS: true})
	rejecting := mailtest.Start(t, mailtest.Options{RejectRcpt: true})
	cases := []struct {
		name  string
		relay map[string]any
		code  string
		reply string
	}{
		{"good", map[string]any{"addr": authed.Addr, "username": "hr", "password": "pw"}, "", "250 "},
		{"wrong password", map[string]any{"addr": authed.Addr, "username": "hr", "password": "nope"}, "mail.relay_auth", "535 5.7.8"},
		{"untrusted certificate", map[string]any{"addr": tlsRelay.Addr, "tls": "starttls"}, "mail.relay_tls", "certificate"},
		{"trusted certificate", map[string]any{"addr": tlsRelay.Addr, "tls": "starttls", "trusted_cert": tlsRelay.CertPEM}, "", "250 "},
		{"closed port", map[string]any{"addr": mailtest.ClosedAddr(t)}, "mail.relay_unreachable", "refused"},
		{"recipient rejected", map[string]any{"addr": rejecting.Addr}, "mail.relay_rejected", "550 5.1.1"},
	}
	for _, c := range cases {
		code, body := f.do(t, auth.Owner, "POST", "/api/mail/settings/test", jsonBody(map[string]any{"to": "me@example.jp", "relay": c.relay}), "application/json")
		if c.code == "" {
			if code != 200 || !strings.Contains(string(body), `"reply":"`+c.reply) {
				t.Errorf("%s: %d %s", c.name, code, body)
			}
			continue
		}
		e := decodeError(t, body)
		if code != 422 || e.Error.Code != c.code || !strings.Contains(e.Error.Message, c.reply) || !strings.Contains(e.Error.MessageEN, c.reply) {
			t.Errorf("%s: %d %s", c.name, code, body)
		}
	}
	if code, _ := f.do(t, auth.HRStaff, "POST", "/api/mail/settings/test", jsonBody(map[string]any{"to": "me@example.jp"}), "application/json"); code != 403 {
		t.Errorf("hr_staff may test the relay: %d", code)
	}
}
