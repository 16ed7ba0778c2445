package mail

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// testTimeout keeps a test of unreachable settings short.
const testTimeout = 10 * time.Second

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
	ctx, cancel := context.WithTimeout(ctx, testTimeout)
	defer cancel()
	k := &conn{relay: relay}
	defer func() {
		if k.c != nil {
			k.c.Quit()
			k.drop()
		}
	}()
	reply, st, err := k.deliver(ctx, &job{row: row{address: addr}, from: env.FromAddr, raw: &raw})
	if err != nil {
		return "", relayFault(st, err)
	}
	return reply, nil
}

// relayFault classifies a failed test send: Dial has classified failures
// to connect, secure or log in; a refusal of MAIL, RCPT or DATA is
// ErrRelayRejected. Each carries the server's reply, also as a field.
func relayFault(st stage, err error) error {
	var se *smtp.SMTPError
	reply := err.Error()
	if errors.As(err, &se) {
		reply = replyText(se)
	}
	fe, ok := fault.As(err)
	switch {
	case st == stageConnect && ok:
	case se != nil:
		fe = ErrRelayRejected.Wrap(err).Withf("サーバーの応答: %s", "server replied: %s", reply)
	default:
		fe = ErrRelayUnreachable.Wrap(err).Withf("%v", "%v", err)
	}
	return fe.WithFields(map[string]string{"relay": reply})
}
