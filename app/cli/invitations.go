package cli

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/invitations"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// newInvitations wires the invitation service over a mail engine (the
// app's; the demo's own), the portal login, sessions and settings.
func newInvitations(a *app, eng *mail.Engine) *invitations.Service {
	return invitations.New(invitations.Deps{Store: a.store, Mail: eng, Admit: a.login, Sessions: a.members,
		Audit: a.audit, BaseURL: eng.BaseURL, Log: a.log,
		NetworkName: func(ctx context.Context) string {
			p, err := a.portal.Get(ctx)
			if err != nil {
				return ""
			}
			return p.NetworkName
		}})
}
