package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/invitations"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// seedDemoInvitations gives the console's invitation tab a few invitations
// in every state. It leaves alone the first non-members with an address
// (the end-to-end tests use them as outsiders and invitees).
func seedDemoInvitations(ctx context.Context, a *app) error {
	rows, err := a.store.R.QueryContext(ctx, `SELECT id FROM alumni WHERE email <> ''
		AND id NOT IN (SELECT alumnus_id FROM memberships) ORDER BY id LIMIT 8`)
	if err != nil {
		return err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if len(ids) < 8 {
		return nil
	}
	ids = ids[3:]
	// Mail through an engine whose transport is the built-in catcher, as the mail demo does.
	eng, err := mail.New(ctx, a.store, mail.Config{BaseURL: "http://" + defaultAddr}, a.log)
	if err != nil {
		return err
	}
	if err := eng.Start(ctx); err != nil {
		return err
	}
	svc := newInvitations(a, eng)
	err = seedInvitationStates(ctx, a, svc, ids)
	return errors.Join(err, eng.Drain(ctx), eng.Stop(ctx))
}

// seedInvitationStates issues one invitation per id: sent, unsent,
// accepted, expired and revoked.
func seedInvitationStates(ctx context.Context, a *app, svc *invitations.Service, ids []int64) error {
	in := func(id int64, send bool) invitations.Input {
		return invitations.Input{AlumnusIDs: []int64{id}, SenderKind: invitations.FromManager, SenderName: "高橋 誠（元営業部長）",
			SenderEmail: "takahashi@kizuna-shoji.example.jp", Message: "在職中は本当にありがとうございました。ぜひまた近況を聞かせてください。", Send: send}
	}
	for i, id := range ids {
		res, err := svc.Issue(ctx, in(id, i != 1)) // the second is leaflet-only: unsent
		if err != nil {
			return fmt.Errorf("demo invitations: %w", err)
		}
		switch i {
		case 2: // accepted
			if _, _, err := svc.Accept(ctx, invitations.DemoToken(res[0]), "demo"); err != nil {
				return fmt.Errorf("demo invitations: %w", err)
			}
		case 3: // expired
			if _, err := a.store.W.ExecContext(ctx, `UPDATE invitations SET created_at = '2026-01-05T09:00:00Z',
				sent_at = '2026-01-05T09:00:00Z', expires_at = '2026-02-04T09:00:00Z' WHERE alumnus_id = ?`, id); err != nil {
				return err
			}
		case 4: // revoked
			if err := svc.Revoke(ctx, id); err != nil {
				return err
			}
		}
	}
	return nil
}
