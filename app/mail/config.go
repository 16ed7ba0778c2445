package mail

import (
	"crypto/tls"
	"time"
)

// TLSMode is how the sender secures the relay connection.
type TLSMode string

// TLS modes.
const (
	TLSNone     TLSMode = ""         // plain SMTP (loopback, the catcher); "none" means the same
	TLSStartTLS TLSMode = "starttls" // STARTTLS after EHLO (port 587)
	TLSImplicit TLSMode = "tls"      // TLS from the first byte (port 465)
)

// Relay is an SMTP server Kizuna hands its mail to.
type Relay struct {
	Addr      string      // host:port
	TLS       TLSMode     // none, starttls or implicit tls
	TLSConfig *tls.Config // optional; overrides SkipVerify and TrustedCAPEM
	// TrustedCAPEM is an extra trusted root in PEM (a relay with a private
	// or self-signed certificate); the system roots stay trusted.
	TrustedCAPEM string
	// SkipVerify accepts any certificate. Only for tests and trusted networks.
	SkipVerify bool
	Username   string   // login when set
	Password   string   // never logged
	Auth       AuthMech // plain, login, or "" for what the server offers
	HeloName   string   // EHLO name; "localhost" when empty
	// RatePerSecond is the ceiling in messages per second (0: none). The
	// sender slows below it by itself on throttling replies.
	RatePerSecond float64
	// PerHour is an optional hourly quota (0: none).
	PerHour int
	// MinRatePerSecond is the floor the adaptive slow-down stops at
	// (default 5 messages/s).
	MinRatePerSecond float64
}

// Config tunes the engine. The zero value gives the defaults.
type Config struct {
	// Relay is where mail goes; nil means the built-in catcher.
	Relay *Relay
	// Concurrency is the number of SMTP connections (default 8: the client
	// waits for every reply, so a few connections keep 2 cores busy).
	Concurrency int
	// MaxAge is how long a message keeps being retried (default 3 days).
	MaxAge time.Duration
	// BackoffBase is the first retry delay (default 30 s), doubled per
	// attempt up to BackoffMax (default 1 h), with jitter.
	BackoffBase time.Duration
	BackoffMax  time.Duration
	// ResultBatch caps how many outcomes are committed in one transaction
	// (default 256); they are committed at least every 40 ms anyway.
	ResultBatch int
	// BaseURL is where the alumni portal answers, for unsubscribe links
	// (e.g. https://alumni.example.co.jp). Required for promotional mail.
	BaseURL string
	// UnsubscribeMailto is an optional mailbox for List-Unsubscribe mailto:.
	UnsubscribeMailto string
	// Domain names Message-IDs (default "kizuna.local").
	Domain string
	// DomainConcurrency caps concurrent messages per recipient domain
	// (lower case). nil gives DefaultDomainConcurrency: 4 for the large
	// webmail and carrier domains that throttle bursts.
	DomainConcurrency map[string]int
	// OtherDomainConcurrency caps every domain DomainConcurrency does not
	// name (0: only Concurrency).
	OtherDomainConcurrency int
	// DKIM signs every message when set (relaxed/relaxed; rsa-sha256 or
	// ed25519-sha256 by the key).
	DKIM *DKIM
	// SoftBounceLimit soft bounces within SoftBounceWindow suppress an
	// address (defaults 3 and 30 days); one hard bounce does at once.
	SoftBounceLimit  int
	SoftBounceWindow time.Duration
	// ReturnPath is the envelope sender (MAIL FROM), where DSNs go; the
	// sender identity's address when empty.
	ReturnPath string
	// BounceListen is the address of the inbound SMTP listener for DSNs
	// (e.g. ":2525"; empty: none). It accepts mail for BounceAddresses only.
	BounceListen    string
	BounceAddresses []string
	// BounceMailbox is an IMAP mailbox polled for DSNs (nil: none).
	BounceMailbox *BounceMailbox
	// Now is the clock (tests).
	Now func() time.Time
}

// DefaultConcurrency is the number of SMTP connections when none is set.
const DefaultConcurrency = 8

// DefaultDomainConcurrency is the per-domain cap used when Config sets none.
var DefaultDomainConcurrency = map[string]int{
	"gmail.com": 4, "googlemail.com": 4, "yahoo.co.jp": 4, "ymail.ne.jp": 4, "yahoo.com": 4,
	"outlook.com": 4, "outlook.jp": 4, "hotmail.com": 4, "hotmail.co.jp": 4, "live.jp": 4, "icloud.com": 4,
	"docomo.ne.jp": 4, "ezweb.ne.jp": 4, "au.com": 4, "softbank.ne.jp": 4, "i.softbank.jp": 4,
}

func (c Config) withDefaults() Config {
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.MaxAge <= 0 {
		c.MaxAge = 72 * time.Hour
	}
	if c.BackoffBase <= 0 {
		c.BackoffBase = 30 * time.Second
	}
	if c.BackoffMax <= 0 {
		c.BackoffMax = time.Hour
	}
	if c.ResultBatch <= 0 {
		c.ResultBatch = 256
	}
	if c.Domain == "" {
		c.Domain = "kizuna.local"
	}
	if c.DomainConcurrency == nil {
		c.DomainConcurrency = DefaultDomainConcurrency
	}
	if c.SoftBounceLimit <= 0 {
		c.SoftBounceLimit = 3
	}
	if c.SoftBounceWindow <= 0 {
		c.SoftBounceWindow = 30 * 24 * time.Hour
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}

// Identity is the sender every promotional mail names (特定電子メール法).
type Identity struct {
	Name          string `json:"name"`           // 送信者の名称, e.g. 株式会社きずな商事 人事部
	FromAddress   string `json:"from_address"`   // envelope and From address
	PostalAddress string `json:"postal_address"` // 住所
	Contact       string `json:"contact"`        // 問い合わせ先 (mail or phone)
}

// Complete reports whether every field the law asks for is set.
func (i Identity) Complete() bool {
	return i.Name != "" && i.FromAddress != "" && i.PostalAddress != "" && i.Contact != ""
}
