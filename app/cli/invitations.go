package cli

import (
	"context"

	"github.com/kizuna-hr/kizuna/app/invitations"
)

// newInvitations wires the invitation service over the app's mail engine,
// portal login, sessions and settings.
func newInvitations(a *app) *invitations.Service {
	return invitations.New(invitations.Deps{Store: a.store, Mail: a.mail, Admit: a.login, Sessions: a.members,
		Audit: a.audit, BaseURL: a.mail.BaseURL, Log: a.log,
		NetworkName: func(ctx context.Context) string {
			p, err := a.portal.Get(ctx)
			if err != nil {
				return ""
			}
			return p.NetworkName
		}})
}
