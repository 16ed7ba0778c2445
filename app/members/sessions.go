package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// SessionLifetime is how long a portal session lasts without a new login.
const SessionLifetime = 30 * 24 * time.Hour

// ErrNotLoggedIn reports a missing, expired or closed portal session.
var ErrNotLoggedIn = fault.New(fault.Unauthorized, "members.not_logged_in",
	"ポータルにログインしてください", "please log in to the portal")

// Sessions opens, resolves and closes alumni's portal sessions.
type Sessions struct {
	st  *store.Store
	now func() time.Time
}

// NewSessions returns the portal sessions kept in st.
func NewSessions(st *store.Store) *Sessions {
	return &Sessions{st: st, now: time.Now}
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// Open starts a session for the alumnus and returns its secret for the cookie.
func (s *Sessions) Open(ctx context.Context, alumnusID int64, client string) (string, error) {
	secret := auth.NewSecret()
	now := s.now()
	_, err := s.st.W.ExecContext(ctx, `INSERT INTO member_sessions(token_hash, alumnus_id, client, created_at, expires_at)
		VALUES (?,?,?,?,?)`, auth.HashSecret(secret), alumnusID, client, stamp(now), stamp(now.Add(SessionLifetime)))
	if err != nil {
		return "", fmt.Errorf("open portal session: %w", err)
	}
	return secret, nil
}

// Actor returns the alumnus of a live session.
func (s *Sessions) Actor(ctx context.Context, secret string) (actor.Actor, error) {
	var a actor.Actor
	var expires string
	err := s.st.R.QueryRowContext(ctx, `SELECT a.id, a.name, s.expires_at FROM member_sessions s
		JOIN alumni a ON a.id = s.alumnus_id WHERE s.token_hash = ?`, auth.HashSecret(secret)).Scan(&a.ID, &a.Name, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return actor.Actor{}, ErrNotLoggedIn
	}
	if err != nil {
		return actor.Actor{}, fmt.Errorf("portal session: %w", err)
	}
	if expires < stamp(s.now()) {
		return actor.Actor{}, ErrNotLoggedIn
	}
	a.Kind, a.Role = actor.Alumnus, actor.AlumnusRole
	return a, nil
}

// Close ends the session with secret.
func (s *Sessions) Close(ctx context.Context, secret string) error {
	_, err := s.st.W.ExecContext(ctx, "DELETE FROM member_sessions WHERE token_hash = ?", auth.HashSecret(secret))
	return err
}

// CloseAll ends every session of the alumnus ("log out everywhere").
func (s *Sessions) CloseAll(ctx context.Context, alumnusID int64) error {
	_, err := s.st.W.ExecContext(ctx, "DELETE FROM member_sessions WHERE alumnus_id = ?", alumnusID)
	return err
}
