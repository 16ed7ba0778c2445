package invitations

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
)

// Public is what the invitation page shows before joining.
type Public struct {
	Network    string `json:"network_name"`
	Name       string `json:"name"`
	SenderName string `json:"sender_name"`
	// MessageHTML is the personal message, rendered safe.
	MessageHTML string `json:"message_html"`
	ExpiresAt   string `json:"expires_at"`
}

type found struct {
	alumnusID             int64
	name, sender, message string
	expires               string
	accepted, revoked     sql.NullString
}

func (s *Service) find(ctx context.Context, token string) (found, error) {
	var f found
	token = strings.TrimSpace(token)
	if token == "" || len(token) > 100 {
		return f, ErrBadLink
	}
	err := s.d.Store.R.QueryRowContext(ctx, `SELECT i.alumnus_id, a.name, i.sender_name, i.message, i.expires_at, i.accepted_at, i.revoked_at
		FROM invitations i JOIN alumni a ON a.id = i.alumnus_id WHERE i.token_hash = ?`, auth.HashSecret(token)).
		Scan(&f.alumnusID, &f.name, &f.sender, &f.message, &f.expires, &f.accepted, &f.revoked)
	if errors.Is(err, sql.ErrNoRows) {
		return f, ErrBadLink
	}
	if err != nil {
		return f, fmt.Errorf("find invitation: %w", err)
	}
	switch {
	case f.revoked.Valid:
		return f, ErrRevoked
	case f.accepted.Valid:
		return f, ErrUsed
	case f.expires <= stamp(s.now()):
		return f, ErrExpired
	}
	return f, nil
}

// Lookup returns what the invitation page shows for a live link.
func (s *Service) Lookup(ctx context.Context, token string) (Public, error) {
	f, err := s.find(ctx, token)
	if err != nil {
		return Public{}, err
	}
	msg, err := mail.MarkdownHTML(f.message)
	return Public{Network: s.networkName(ctx), Name: f.name, SenderName: f.sender, MessageHTML: msg, ExpiresAt: f.expires}, err
}

// Accept spends a live link: the alumnus becomes a member (how
// "invitation") and gets a portal session, whose secret is returned.
func (s *Service) Accept(ctx context.Context, token, client string) (int64, string, error) {
	f, err := s.find(ctx, token)
	if err != nil {
		return 0, "", err
	}
	now := stamp(s.now())
	res, err := s.d.Store.W.ExecContext(ctx, `UPDATE invitations SET accepted_at = ?
		WHERE token_hash = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, now, auth.HashSecret(strings.TrimSpace(token)), now)
	if err != nil {
		return 0, "", fmt.Errorf("accept invitation: %w", err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return 0, "", ErrUsed // spent by a concurrent accept
	}
	if err := s.d.Admit.Admit(ctx, f.alumnusID, "invitation"); err != nil {
		return 0, "", err
	}
	secret, err := s.d.Sessions.Open(ctx, f.alumnusID, client)
	if err != nil {
		return 0, "", err
	}
	a := actor.Actor{Kind: actor.Alumnus, ID: f.alumnusID, Name: f.name, Role: actor.AlumnusRole}
	_ = s.d.Audit.Record(actor.With(ctx, a), "invitations.accept", "alumnus:"+strconv.FormatInt(f.alumnusID, 10), client)
	return f.alumnusID, secret, nil
}
