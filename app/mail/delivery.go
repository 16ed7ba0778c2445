package mail

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"net"
	"net/url"
	"strconv"
	"strings"
)

const settingDelivery = "delivery"

// Settings are the delivery settings HR edits in the console (relay, links,
// DKIM, bounce mailbox). They live in mail_settings; secrets (passwords,
// the DKIM key) are stored there too and never leave the server through
// the API nor appear in logs.
type Settings struct {
	// BaseURL is where the alumni portal answers, for unsubscribe links;
	// empty means the address Kizuna listens on.
	BaseURL string         `json:"base_url"`
	Relay   RelaySettings  `json:"relay"`
	DKIM    DKIMSettings   `json:"dkim"`
	Bounce  BounceSettings `json:"bounce"`
}

// RelaySettings name the SMTP relay; an empty Addr means the built-in catcher.
type RelaySettings struct {
	Addr         string  `json:"addr"`           // host:port
	TLS          string  `json:"tls"`            // none | starttls | tls
	Username     string  `json:"username"`       // log in when set
	Password     string  `json:"password"`       // write-only; never returned
	Auth         string  `json:"auth"`           // plain | login | "" (plain)
	MaxPerSecond float64 `json:"max_per_second"` // ceiling, 0 = none
	MaxPerHour   int     `json:"max_per_hour"`   // quota, 0 = none
	Concurrency  int     `json:"concurrency"`    // connections, 0 = default
	// TrustedCert is a PEM certificate trusted besides the system roots
	// (an in-house relay with a self-signed certificate). Verification is
	// never switched off.
	TrustedCert string `json:"trusted_cert"`
}

// DKIMSettings are for signing outgoing mail (the signer reads them with Engine.Settings).
type DKIMSettings struct {
	Domain     string `json:"domain"`
	Selector   string `json:"selector"`
	PrivateKey string `json:"private_key"` // PEM; write-only
}

// BounceSettings name the mailbox where later bounces arrive (read over IMAP).
type BounceSettings struct {
	IMAPAddr string `json:"imap_addr"` // host:port
	IMAPTLS  string `json:"imap_tls"`  // tls | starttls | none
	Username string `json:"username"`
	Password string `json:"password"` // write-only
	Mailbox  string `json:"mailbox"`  // default INBOX
}

// Settings returns the stored delivery settings, secrets included: for Go
// callers only (the DKIM signer, the bounce reader), never for a response.
func (e *Engine) Settings(ctx context.Context) (Settings, error) {
	var s Settings
	v, ok, err := getSetting(ctx, e.st.R, settingDelivery)
	if err != nil || !ok {
		return s.withDefaults(), err
	}
	if err := json.Unmarshal([]byte(v), &s); err != nil {
		return s, err
	}
	return s.withDefaults(), nil
}

func (s Settings) withDefaults() Settings {
	if s.Relay.TLS == "" {
		s.Relay.TLS = "none"
	}
	if s.Bounce.IMAPTLS == "" {
		s.Bounce.IMAPTLS = "tls"
	}
	if s.Bounce.Mailbox == "" {
		s.Bounce.Mailbox = "INBOX"
	}
	return s
}

// KeepSecrets fills the write-only fields left empty in s from old: an
// empty password or key means "unchanged". Clearing the username or the
// address also drops the password.
func (s Settings) KeepSecrets(old Settings) Settings {
	if s.Relay.Password == "" && s.Relay.Username != "" && s.Relay.Username == old.Relay.Username {
		s.Relay.Password = old.Relay.Password
	}
	if s.DKIM.PrivateKey == "" && s.DKIM.Domain != "" {
		s.DKIM.PrivateKey = old.DKIM.PrivateKey
	}
	if s.Bounce.Password == "" && s.Bounce.Username != "" && s.Bounce.Username == old.Bounce.Username {
		s.Bounce.Password = old.Bounce.Password
	}
	return s
}

// SaveSettings validates and stores s (empty secrets keep the stored ones)
// and applies it at once: a running engine swaps its sender, letting
// messages in flight finish (those not yet handed over are queued again).
func (e *Engine) SaveSettings(ctx context.Context, s Settings) (Settings, error) {
	old, err := e.Settings(ctx)
	if err != nil {
		return s, err
	}
	s = s.KeepSecrets(old).withDefaults()
	if err := s.Validate(); err != nil {
		return s, err
	}
	b, _ := json.Marshal(s)
	if _, err := e.st.W.ExecContext(ctx, `INSERT INTO mail_settings(key, value) VALUES (?, ?)
		ON CONFLICT(key) DO UPDATE SET value = excluded.value`, settingDelivery, string(b)); err != nil {
		return s, err
	}
	return s, e.apply(ctx, s.Relay != old.Relay)
}

// Validate checks every field and names each bad one in both languages.
func (s Settings) Validate() error {
	f := map[string]string{}
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
			f["base_url"] = "http:// または https:// で始まる URL を入力してください / enter a URL starting with http:// or https://"
		}
	}
	r := s.Relay
	if r.Addr != "" {
		checkHostPort(f, "relay.addr", r.Addr)
	}
	checkOneOf(f, "relay.tls", r.TLS, "none", "starttls", "tls")
	checkOneOf(f, "relay.auth", r.Auth, "", "plain", "login")
	if r.MaxPerSecond < 0 {
		f["relay.max_per_second"] = "送信レートは 0 以上にしてください / rates must not be negative"
	}
	if r.MaxPerHour < 0 {
		f["relay.max_per_hour"] = "送信レートは 0 以上にしてください / rates must not be negative"
	}
	if r.Concurrency < 0 || r.Concurrency > 64 {
		f["relay.concurrency"] = "同時接続数は 0〜64 にしてください / concurrency must be between 0 and 64"
	}
	if r.TrustedCert != "" {
		if b, _ := pem.Decode([]byte(r.TrustedCert)); b == nil || b.Type != "CERTIFICATE" {
			f["relay.trusted_cert"] = "PEM 形式の証明書を貼り付けてください / paste a PEM certificate"
		}
	}
	if s.DKIM.PrivateKey != "" {
		if b, _ := pem.Decode([]byte(s.DKIM.PrivateKey)); b == nil {
			f["dkim.private_key"] = "PEM 形式の秘密鍵を貼り付けてください / paste a PEM private key"
		}
	}
	if (s.DKIM.Domain == "") != (s.DKIM.Selector == "") {
		f["dkim.selector"] = "ドメインとセレクタは両方入力してください / give both the domain and the selector"
	}
	if s.Bounce.IMAPAddr != "" {
		checkHostPort(f, "bounce.imap_addr", s.Bounce.IMAPAddr)
	}
	checkOneOf(f, "bounce.imap_tls", s.Bounce.IMAPTLS, "none", "starttls", "tls")
	if len(f) > 0 {
		return ErrInvalidSettings.WithFields(f)
	}
	return nil
}

// ValidateIdentity checks the sender identity's from address.
func ValidateIdentity(id Identity) error {
	if id.FromAddress == "" {
		return nil
	}
	if _, err := NormalizeAddress(id.FromAddress); err != nil {
		return ErrInvalidSettings.WithFields(map[string]string{"identity.from_address": "送信元メールアドレスの形式が正しくありません / the from address is malformed"})
	}
	return nil
}

func checkHostPort(f map[string]string, field, v string) {
	host, port, err := net.SplitHostPort(v)
	n, perr := strconv.Atoi(port)
	if err != nil || host == "" || strings.ContainsAny(host, " /") || perr != nil || n < 1 || n > 65535 {
		f[field] = "ホスト名:ポート番号 の形式で入力してください（例: smtp.example.jp:587） / enter host:port, e.g. smtp.example.jp:587"
	}
}

func checkOneOf(f map[string]string, field, v string, allowed ...string) {
	for _, a := range allowed {
		if v == a {
			return
		}
	}
	f[field] = "次のいずれかを指定してください / use one of: " + strings.Join(allowed, ", ")
}

// relay turns the settings into a Relay (nil: no relay, use the catcher).
func (r RelaySettings) relay() *Relay {
	if r.Addr == "" {
		return nil
	}
	tlsMode := TLSMode(r.TLS)
	if r.TLS == "none" {
		tlsMode = TLSNone
	}
	return &Relay{Addr: r.Addr, TLS: tlsMode, TrustedCertPEM: r.TrustedCert, Username: r.Username, Password: r.Password,
		Auth: AuthMode(r.Auth), RatePerSecond: r.MaxPerSecond, PerHour: r.MaxPerHour}
}
