package mail

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// ErrNoConsent: the recipient has not opted in to promotional mail.
var ErrNoConsent = fault.New(fault.Conflict, "mail.no_consent",
	"この宛先は案内メールの受信に同意していないため送信できません（特定電子メール法）",
	"the recipient has not opted in to promotional mail (Japanese Act on Specified Electronic Mail)")

// SendPromotional queues one promotional message outside a campaign (e.g. a
// plugin's survey invitation). Like a campaign it needs the sender identity
// and the recipient's recorded opt-in; at send time it gets the legal footer,
// the signed unsubscribe link and the List-Unsubscribe headers.
func (e *Engine) SendPromotional(ctx context.Context, m Outgoing) (Message, error) {
	addr, err := NormalizeAddress(m.To)
	if err != nil {
		return Message{}, err
	}
	if err := e.checkIdentity(ctx); err != nil {
		return Message{}, err
	}
	if ok, err := e.HasConsent(ctx, addr); err != nil {
		return Message{}, err
	} else if !ok {
		return Message{}, ErrNoConsent.Withf("%s", "%s", addr)
	}
	if reason, ok, err := e.Suppressed(ctx, addr); err != nil {
		return Message{}, err
	} else if ok {
		return Message{}, ErrSuppressed.Withf("%s: %s", "%s: %s", addr, reason)
	}
	m.Attachments = nil // a promotional message carries none
	return e.queue(ctx, Promotional, addr, m)
}

// footSingle adds the footer and unsubscribe headers to a promotional
// message queued by SendPromotional (its body is stored rendered).
func (e *Engine) footSingle(env *envelope, id Identity, r row) error {
	if !id.Complete() {
		return ErrNoSenderIdentity
	}
	env.UnsubscribeURL = e.UnsubscribeURL(e.signer.Token(Unsubscribe{Address: r.address, AlumnusID: r.alumnusID}))
	env.UnsubscribeMailto = e.cfg.UnsubscribeMailto
	env.Text = HTMLToText(env.HTML) + "\n" + footerText(id, env.UnsubscribeURL)
	env.HTML += footerHTML(id, env.UnsubscribeURL)
	return nil
}
