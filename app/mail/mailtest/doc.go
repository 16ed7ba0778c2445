// Package mailtest starts real SMTP relays (go-smtp servers on loopback)
// for tests: with or without AUTH, STARTTLS or implicit TLS under a
// self-signed certificate, or refusing recipients; and
// hands raw messages to a plain SMTP server (the built-in catcher).
package mailtest
