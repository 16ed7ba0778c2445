package mail

import (
	"crypto/tls"
	"time"
)

// TLSMode is how the sender secures the relay connection.
type TLSMode string

// TLS modes.
const (
	TLSNone     TLSMode = ""         // plain SMTP (loopback, the catcher)
	TLSStartTLS TLSMode = "starttls" // STARTTLS after EHLO (port 587)
	TLSImplicit TLSMode = "tls"      // TLS from the first byte (port 465)
)

// Relay is an SMTP server Kizuna hands its mail to.
type Relay struct {
	Addr      string      // host:port
	TLS       TLSMode     // none, starttls or implicit tls
	TLSConfig *tls.Config // optional; ServerName defaults to the host
	// TrustedCertPEM is a certificate (PEM) trusted besides the system
	// roots: for an in-house relay with a self-signed certificate.
	TrustedCertPEM string
	Username       string   // log in when set
	Password       string   // never logged
	Auth           AuthMode // plain (default) or login
	HeloName       string   // EHLO name; "localhost" when empty
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
	// (default 256); they are committed at least every 5 ms anyway.
	ResultBatch int
	// BaseURL is where the alumni portal answers, for unsubscribe links
	// (e.g. https://alumni.example.co.jp). Required for promotional mail.
	BaseURL string
	// UnsubscribeMailto is an optional mailbox for List-Unsubscribe mailto:.
	UnsubscribeMailto string
	// Domain names Message-IDs (default "kizuna.local").
	Domain string
	// Now is the clock (tests).
	Now func() time.Time
}

// DefaultConcurrency is the number of SMTP connections when none is set.
const DefaultConcurrency = 8

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
