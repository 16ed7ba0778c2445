package mail

import (
	"cmp"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// AuthMech is the SASL mechanism used to log in to the relay.
type AuthMech string

// Login mechanisms. AuthAuto picks PLAIN when the server offers it, else LOGIN.
const (
	AuthAuto  AuthMech = ""
	AuthPlain AuthMech = "plain"
	AuthLogin AuthMech = "login"
)

// dialTimeout bounds connecting, the TLS handshake and each command of the login.
const dialTimeout = 30 * time.Second

// Dial connects to the relay, secures the connection as r.TLS says, greets
// it and logs in when r.Username is set. The sender and the settings
// screen's "send test" use it. Errors are fault errors — ErrRelayUnreachable,
// ErrRelayTLS, ErrRelayAuth or ErrRelayRejected — whose message carries the
// server's own reply; the *smtp.SMTPError stays reachable with errors.As.
func Dial(ctx context.Context, r Relay) (*smtp.Client, error) {
	ctx, cancel := context.WithTimeout(ctx, dialTimeout)
	defer cancel()
	tlsConf, err := r.tlsConfig()
	if err != nil {
		return nil, ErrRelayTLS.Wrap(err).Withf("%v", "%v", err)
	}
	nc, err := (&net.Dialer{}).DialContext(ctx, "tcp", r.Addr)
	if err != nil {
		return nil, ErrRelayUnreachable.Wrap(err).Withf("%s: %v", "%s: %v", r.Addr, err)
	}
	stop := context.AfterFunc(ctx, func() { nc.SetDeadline(time.Now()) })
	defer stop()
	var c *smtp.Client
	switch r.TLS {
	case TLSImplicit:
		tc := tls.Client(nc, tlsConf)
		if err := tc.HandshakeContext(ctx); err != nil {
			nc.Close()
			return nil, relayError(err, false)
		}
		c = smtp.NewClient(tc)
	case TLSStartTLS:
		if c, err = smtp.NewClientStartTLS(nc, tlsConf); err != nil {
			return nil, relayError(err, false)
		}
	case TLSNone, "none":
		c = smtp.NewClient(nc)
	default:
		nc.Close()
		return nil, ErrRelayTLS.Withf("不明な TLS 方式 %q", "unknown TLS mode %q", r.TLS)
	}
	c.CommandTimeout, c.SubmissionTimeout = dialTimeout, 2*time.Minute
	// After STARTTLS the greeting is repeated over TLS: the handshake
	// happens here, so its errors are classified here too.
	if err := c.Hello(cmp.Or(r.HeloName, "localhost")); err != nil {
		c.Close()
		return nil, relayError(err, false)
	}
	if r.Username != "" {
		if err := c.Auth(r.saslClient(c)); err != nil {
			c.Close()
			return nil, relayError(err, true)
		}
	}
	return c, nil
}

// tlsConfig is r.TLSConfig, or one verifying the relay's host name against
// the system roots plus r.TrustedCAPEM (or nothing, with SkipVerify).
func (r Relay) tlsConfig() (*tls.Config, error) {
	if r.TLSConfig != nil {
		return r.TLSConfig, nil
	}
	host, _, _ := net.SplitHostPort(r.Addr)
	conf := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12, InsecureSkipVerify: r.SkipVerify}
	if r.TrustedCAPEM != "" {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM([]byte(r.TrustedCAPEM)) {
			return nil, errors.New("no certificate in the trusted CA PEM")
		}
		conf.RootCAs = pool
	}
	return conf, nil
}

// saslClient picks the login mechanism: the one set, else PLAIN when the
// server advertises it or advertises nothing we know, else LOGIN.
func (r Relay) saslClient(c *smtp.Client) sasl.Client {
	mech := r.Auth
	if mech == AuthAuto && !c.SupportsAuth("PLAIN") && c.SupportsAuth("LOGIN") {
		mech = AuthLogin
	}
	if mech == AuthLogin {
		return sasl.NewLoginClient(r.Username, r.Password)
	}
	return sasl.NewPlainClient("", r.Username, r.Password)
}

// relayError classifies a failure while connecting or logging in.
func relayError(err error, auth bool) *fault.Error {
	reply := err.Error()
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		reply = replyText(se)
	}
	var base *fault.Error
	switch {
	case isTLSError(err):
		base = ErrRelayTLS
	case auth:
		base = ErrRelayAuth
	case se != nil:
		base = ErrRelayRejected
	default:
		base = ErrRelayUnreachable
	}
	return base.Wrap(err).Withf("サーバーの応答: %s", "server replied: %s", reply)
}

// replyText writes an SMTP error as the server sent it: "535 5.7.8 text".
func replyText(se *smtp.SMTPError) string {
	if se.EnhancedCode == (smtp.EnhancedCode{}) || se.EnhancedCode == smtp.NoEnhancedCode {
		return fmt.Sprintf("%d %s", se.Code, se.Message)
	}
	return fmt.Sprintf("%d %d.%d.%d %s", se.Code, se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2], se.Message)
}

func isTLSError(err error) bool {
	var (
		rec     tls.RecordHeaderError
		alert   tls.AlertError
		verify  *tls.CertificateVerificationError
		unknown x509.UnknownAuthorityError
		host    x509.HostnameError
		invalid x509.CertificateInvalidError
	)
	return errors.As(err, &rec) || errors.As(err, &alert) || errors.As(err, &verify) || errors.As(err, &unknown) ||
		errors.As(err, &host) || errors.As(err, &invalid) || strings.Contains(err.Error(), "STARTTLS") ||
		strings.HasPrefix(err.Error(), "tls: ")
}
