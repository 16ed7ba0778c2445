package plugins

import (
	"context"
	"html"
	"strings"

	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Outbox is the mail engine's transactional queue (app/mail.Engine).
type Outbox interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

var errPromotionalLater = fault.New(fault.Unavailable, "plugin.promotional_unavailable",
	"プラグインからの案内メール（宣伝）の送信はまだ使えません。キャンペーン機能を使ってください",
	"promotional mail from plugins is not available yet; use a campaign")

// OutboxMailer is the Mailer over the mail engine: a plugin's transactional
// message joins the host outbox (ahead of campaigns, suppressed addresses
// refused). Promotional mail needs consent checks and the unsubscribe footer
// of the campaign path, so it is refused until the engine sends single
// promotional messages.
type OutboxMailer struct {
	Outbox Outbox
	Alumni AlumniReader
}

// SendPluginMail implements Mailer.
func (o OutboxMailer) SendPluginMail(ctx context.Context, m OutMail) (string, error) {
	if m.Promotional {
		return "", errPromotionalLater
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
	msg, err := o.Outbox.Send(ctx, out)
	if err != nil {
		return "", err
	}
	return msg.MessageID, nil
}
