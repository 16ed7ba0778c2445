package mail

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// Errors of a relay test ("send test" in the settings); each carries the
// server's own reply.
var (
	ErrRelayAuth = fault.New(fault.Invalid, "mail.relay_auth",
		"送信サーバーへのログインに失敗しました。ユーザー名・パスワード・認証方式を確認してください",
		"the relay refused the login; check the username, password and auth method")
	ErrRelayTLS = fault.New(fault.Invalid, "mail.relay_tls",
		"送信サーバーとの暗号化（TLS）接続に失敗しました。TLS の方式と証明書を確認してください",
		"the TLS connection to the relay failed; check the TLS mode and the certificate")
	ErrRelayUnreachable = fault.New(fault.Invalid, "mail.relay_unreachable",
		"送信サーバーに接続できません。ホスト名・ポート番号・ファイアウォールを確認してください",
		"cannot reach the relay; check the host, the port and the firewall")
	ErrRelayRejected = fault.New(fault.Invalid, "mail.relay_rejected",
		"送信サーバーがメールを受け付けませんでした",
		"the relay refused the message")
)

// testTimeouts keep a test of unreachable settings short.
var testTimeouts = dialTimeouts{connect: 5 * time.Second, command: 10 * time.Second, submission: 30 * time.Second}

// TestRelay sends a real test message to `to` through the relay rs (nil:
// the saved one; an empty password in rs keeps the saved password) with
// the same connection code as the sender, and returns the server's reply to
// DATA ("250 2.0.0 Ok: queued"). A failure is ErrRelayAuth, ErrRelayTLS,
// ErrRelayUnreachable or ErrRelayRejected with the server's reply, or
// ErrInvalidSettings / ErrInvalidAddress for bad input. The queue is not touched.
func (e *Engine) TestRelay(ctx context.Context, rs *RelaySettings, to string) (string, error) {
	addr, err := NormalizeAddress(to)
	if err != nil {
		return "", ErrInvalidAddress.WithFields(map[string]string{"to": "宛先のメールアドレスが正しくありません / the address is malformed"})
	}
	saved, err := e.Settings(ctx)
	if err != nil {
		return "", err
	}
	s := saved
	if rs != nil {
		s = Settings{Relay: *rs}.KeepSecrets(saved).withDefaults()
	}
	if err := s.Validate(); err != nil {
		return "", err
	}
	relay := s.Relay.relay()
	if relay == nil {
		return "", ErrInvalidSettings.WithFields(map[string]string{"relay.addr": "送信サーバー（ホスト名:ポート番号）を入力してください / enter the relay's host:port"})
	}
	id, err := e.Identity(ctx)
	if err != nil {
		return "", err
	}
	env := envelope{FromName: id.Name, FromAddr: id.FromAddress, ToAddr: addr, MessageID: e.newMessageID(), Date: e.cfg.Now(),
		Subject: "Kizuna 送信テスト / Kizuna test message",
		HTML: "<p>Kizuna のメール送信設定のテストです。このメールが届いていれば設定は正しく動作しています。</p>" +
			"<p>This is a test of Kizuna's mail settings. If it reached you, the settings work.</p>"}
	if env.FromAddr == "" {
		env.FromAddr = "kizuna@" + e.cfg.Domain
	}
	var raw bytes.Buffer
	if err := compose(&raw, env); err != nil {
		return "", err
	}
	k := &conn{relay: relay, timeouts: &testTimeouts}
	defer func() {
		if k.c != nil {
			k.c.Quit()
			k.drop()
		}
	}()
	reply, st, err := k.deliver(&job{row: row{address: addr}, from: env.FromAddr, raw: &raw})
	if err != nil {
		return "", relayFault(st, err)
	}
	return reply, nil
}

// relayFault classifies a failed test send.
func relayFault(st stage, err error) error {
	reply := replyText(err)
	var de *DialError
	var se *smtp.SMTPError
	kind := ErrRelayUnreachable
	switch {
	case errors.As(err, &de) && de.Step == StepAuth:
		kind = ErrRelayAuth
	case errors.As(err, &de) && de.Step == StepTLS:
		kind = ErrRelayTLS
	case st != stageConnect && errors.As(err, &se):
		kind = ErrRelayRejected
	}
	return kind.Wrap(err).Withf("サーバーの応答: %s", "server reply: %s", reply).WithFields(map[string]string{"relay": reply})
}
