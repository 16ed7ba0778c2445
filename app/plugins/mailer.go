package plugins

import (
	"context"
	"html"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Outbox is the mail engine's queue (app/mail.Engine).
type Outbox interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
	SendPromotional(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

var errPromotionalNeedsAlumnus = fault.New(fault.Invalid, "plugin.promotional_needs_alumnus",
	"案内メール（宣伝）は同意を確認できるアルムナイ宛てにのみ送れます",
	"promotional mail goes only to an alumnus whose consent can be checked")

// OutboxMailer is the Mailer over the mail engine: a plugin's transactional
// message joins the host outbox (ahead of campaigns, suppressed addresses
// refused); a promotional one goes only to an alumnus who opted in, with the
// sender identity, the unsubscribe link and the List-Unsubscribe headers.
type OutboxMailer struct {
	Outbox Outbox
	Alumni AlumniReader
}

// SendPluginMail implements Mailer.
func (o OutboxMailer) SendPluginMail(ctx context.Context, m OutMail) (string, error) {
	if m.Promotional && m.AlumnusID == 0 {
		return "", errPromotionalNeedsAlumnus
	}
	out := mail.Outgoing{To: m.To, AlumnusID: m.AlumnusID, Subject: m.Subject, HTML: m.HTML}
	if m.AlumnusID != 0 {
		d, err := o.Alumni.Get(ctx, m.AlumnusID)
		if err != nil {
			return "", err
		}
		out.To, out.ToName = d.Email, d.Name
	}
	if out.HTML == "" {
		out.HTML = "<p>" + strings.ReplaceAll(html.EscapeString(m.Text), "\n", "<br>\n") + "</p>"
	}
	send := o.Outbox.Send
	if m.Promotional {
		send = o.Outbox.SendPromotional
	}
	msg, err := send(ctx, out)
	if err != nil {
		return "", err
	}
	return msg.MessageID, nil
}
