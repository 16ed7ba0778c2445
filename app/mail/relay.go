package mail

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// AuthMode is the SASL mechanism used to log in to a relay.
type AuthMode string

// Login mechanisms.
const (
	AuthPlain AuthMode = "plain" // AUTH PLAIN (the default when a username is set)
	AuthLogin AuthMode = "login" // AUTH LOGIN (older Microsoft servers)
)

// Step names where connecting to a relay failed.
type Step string

// Connection steps.
const (
	StepConnect Step = "connect" // TCP, greeting or EHLO
	StepTLS     Step = "tls"     // TLS handshake, certificate, STARTTLS missing
	StepAuth    Step = "auth"    // login refused
)

// DialError is a failure to reach, secure or log in to a relay.
type DialError struct {
	Step Step
	Err  error
}

func (e *DialError) Error() string { return fmt.Sprintf("relay %s: %v", e.Step, e.Err) }
func (e *DialError) Unwrap() error { return e.Err }

// dialTimeouts bound connecting and each later command.
type dialTimeouts struct{ connect, command, submission time.Duration }

// senderTimeouts are the bulk sender's; a test of the settings uses shorter ones.
var senderTimeouts = dialTimeouts{connect: 30 * time.Second, command: 30 * time.Second, submission: 2 * time.Minute}

// tlsConfig returns the TLS settings for the relay: its own, or verification
// against the system roots plus the relay's trusted certificate, if any.
func (r *Relay) tlsConfig() (*tls.Config, error) {
	if r.TLSConfig != nil {
		return r.TLSConfig, nil
	}
	host, _, _ := net.SplitHostPort(r.Addr)
	conf := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if r.TrustedCertPEM != "" {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM([]byte(r.TrustedCertPEM)) {
			return nil, errors.New("the trusted certificate is not PEM")
		}
		conf.RootCAs = pool
	}
	return conf, nil
}

// dialRelay connects to r, secures the connection as configured, says EHLO
// and logs in. Errors are *DialError naming the step that failed.
func dialRelay(ctx context.Context, r *Relay, to dialTimeouts) (*smtp.Client, error) {
	var tlsConf *tls.Config
	if r.TLS != TLSNone {
		var err error
		if tlsConf, err = r.tlsConfig(); err != nil {
			return nil, &DialError{StepTLS, err}
		}
	}
	d := net.Dialer{Timeout: to.connect}
	nc, err := d.DialContext(ctx, "tcp", r.Addr)
	if err != nil {
		return nil, &DialError{StepConnect, err}
	}
	var c *smtp.Client
	switch r.TLS {
	case TLSImplicit:
		tc := tls.Client(nc, tlsConf)
		hctx, cancel := context.WithTimeout(ctx, to.connect)
		err = tc.HandshakeContext(hctx)
		cancel()
		if err != nil {
			nc.Close()
			return nil, &DialError{StepTLS, err}
		}
		c = smtp.NewClient(tc)
	case TLSStartTLS:
		nc.SetDeadline(time.Now().Add(to.connect))
		c, err = smtp.NewClientStartTLS(nc, tlsConf)
		if err != nil {
			nc.Close()
			return nil, &DialError{connectOrTLS(err), err}
		}
		nc.SetDeadline(time.Time{})
	default:
		c = smtp.NewClient(nc)
	}
	c.CommandTimeout, c.SubmissionTimeout = to.command, to.submission
	helo := r.HeloName
	if helo == "" {
		helo = "localhost"
	}
	if err := c.Hello(helo); err != nil {
		c.Close()
		step := StepConnect
		if isTLSError(err) {
			step = StepTLS
		}
		return nil, &DialError{step, err}
	}
	if r.Username != "" {
		var auth sasl.Client
		if r.Auth == AuthLogin {
			auth = sasl.NewLoginClient(r.Username, r.Password)
		} else {
			auth = sasl.NewPlainClient("", r.Username, r.Password)
		}
		if err := c.Auth(auth); err != nil {
			c.Close()
			return nil, &DialError{StepAuth, err}
		}
	}
	return c, nil
}

// connectOrTLS classifies an error of the STARTTLS exchange: the server's
// greeting or EHLO failing, or the network, is a connection failure; the
// rest (STARTTLS not offered, refused, handshake) is a TLS failure.
func connectOrTLS(err error) Step {
	var se *smtp.SMTPError
	var ne net.Error
	if isTLSError(err) {
		return StepTLS
	}
	if errors.As(err, &ne) || (errors.As(err, &se) && se.Code != 454) {
		return StepConnect
	}
	return StepTLS
}

// isTLSError reports whether err comes from the TLS handshake or the
// server's certificate.
func isTLSError(err error) bool {
	var (
		cv  *tls.CertificateVerificationError
		ua  x509.UnknownAuthorityError
		ci  x509.CertificateInvalidError
		he  x509.HostnameError
		rh  tls.RecordHeaderError
		ae  tls.AlertError
		eae *tls.ECHRejectionError
	)
	return errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &ci) || errors.As(err, &he) ||
		errors.As(err, &rh) || errors.As(err, &ae) || errors.As(err, &eae)
}
