package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/actor"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/store"
)

// Errors reported to people logging in or managing users.
var (
	ErrBadCredentials = fault.New(fault.Unauthorized, "auth.bad_credentials", "メールアドレスまたはパスワードが正しくありません", "wrong email or password")
	ErrNotLoggedIn    = fault.New(fault.Unauthorized, "auth.not_logged_in", "ログインしてください", "please log in")
	ErrForbidden      = fault.New(fault.Forbidden, "auth.forbidden", "この操作を行う権限がありません", "you are not allowed to do this")
	ErrUnknownRole    = fault.New(fault.Invalid, "auth.unknown_role", "不明な権限です（owner, hr_admin, hr_staff, coordinator, viewer）", "unknown role (owner, hr_admin, hr_staff, coordinator, viewer)")
	ErrUserExists     = fault.New(fault.Conflict, "auth.user_exists", "このメールアドレスのユーザーは既に存在します", "a user with this email already exists")
	ErrInvalidEmail   = fault.New(fault.Invalid, "auth.invalid_email", "メールアドレスの形式が正しくありません", "not a valid email address")
	ErrTokenNotFound  = fault.New(fault.NotFound, "auth.token_not_found", "トークンが見つかりません", "token not found")
	ErrInvalidName    = fault.New(fault.Invalid, "auth.invalid_name", "名前を入力してください", "a name is required")
)

// SessionLifetime is how long a console session lasts.
const SessionLifetime = 12 * time.Hour

// User is an HR user.
type User struct {
	ID          int64  `json:"id"`
	Email       string `json:"email"`
	DisplayName string `json:"display_name"`
	Role        Role   `json:"role"`
	Disabled    bool   `json:"disabled"`
	CreatedAt   string `json:"created_at"`
}

// APIToken describes a bearer token (never its secret).
type APIToken struct {
	ID         int64  `json:"id"`
	Name       string `json:"name"`
	Role       Role   `json:"role"`
	CreatedAt  string `json:"created_at"`
	LastUsedAt string `json:"last_used_at"`
	RevokedAt  string `json:"revoked_at"`
}

// Service manages users, sessions and tokens.
type Service struct {
	st       *store.Store
	throttle *Throttle
	now      func() time.Time
}

// NewService returns a Service over st.
func NewService(st *store.Store, throttle *Throttle) *Service {
	return &Service{st: st, throttle: throttle, now: time.Now}
}

func (s *Service) stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// CreateUser adds an HR user with a password (at least 10 characters).
func (s *Service) CreateUser(ctx context.Context, email, name string, role Role, password string) (User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if !strings.Contains(email, "@") || strings.ContainsAny(email, " \t<>") {
		return User{}, ErrInvalidEmail
	}
	if err := authorizeGrant(ctx, role); err != nil {
		return User{}, err
	}
	hash, err := hashPassword(password)
	if err != nil {
		return User{}, err
	}
	res, err := s.st.W.ExecContext(ctx, "INSERT INTO users(email, display_name, role, password_hash) VALUES (?,?,?,?)",
		email, strings.TrimSpace(name), string(role), hash)
	if err != nil {
		if strings.Contains(err.Error(), "UNIQUE") {
			return User{}, ErrUserExists
		}
		return User{}, fmt.Errorf("create user: %w", err)
	}
	id, _ := res.LastInsertId()
	return s.User(ctx, id)
}

// SetPassword replaces a user's password and ends their sessions.
func (s *Service) SetPassword(ctx context.Context, userID int64, password string) error {
	hash, err := hashPassword(password)
	if err != nil {
		return err
	}
	if _, err := s.st.W.ExecContext(ctx, "UPDATE users SET password_hash=? WHERE id=?", hash, userID); err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	_, err = s.st.W.ExecContext(ctx, "DELETE FROM sessions WHERE user_id=?", userID)
	return err
}

// User returns the user with id.
func (s *Service) User(ctx context.Context, id int64) (User, error) {
	users, err := s.queryUsers(ctx, "WHERE id = ?", id)
	if err != nil {
		return User{}, err
	}
	if len(users) == 0 {
		return User{}, fault.New(fault.NotFound, "auth.user_not_found", "ユーザーが見つかりません", "user not found")
	}
	return users[0], nil
}

// Users lists every HR user.
func (s *Service) Users(ctx context.Context) ([]User, error) {
	return s.queryUsers(ctx, "ORDER BY id")
}

// CountUsers returns how many HR users exist.
func (s *Service) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.st.R.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

func (s *Service) queryUsers(ctx context.Context, where string, args ...any) ([]User, error) {
	rows, err := s.st.R.QueryContext(ctx, "SELECT id, email, display_name, role, disabled, created_at FROM users "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("users: %w", err)
	}
	defer rows.Close()
	out := []User{}
	for rows.Next() {
		var u User
		if err := rows.Scan(&u.ID, &u.Email, &u.DisplayName, &u.Role, &u.Disabled, &u.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Login checks an email and password (throttled per address and per client)
// and opens a session. It returns the session secret for the cookie.
func (s *Service) Login(ctx context.Context, email, password, client string) (User, string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := s.throttle.Allow(email, client); err != nil {
		return User{}, "", err
	}
	var id int64
	var hash string
	var disabled bool
	err := s.st.R.QueryRowContext(ctx, "SELECT id, password_hash, disabled FROM users WHERE email = ?", email).Scan(&id, &hash, &disabled)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return User{}, "", fmt.Errorf("login: %w", err)
	}
	if !checkPassword(hash, password) || disabled {
		s.throttle.Fail(email, client)
		return User{}, "", ErrBadCredentials
	}
	s.throttle.Succeed(email, client)
	secret := randomToken("", 32)
	now := s.now()
	_, err = s.st.W.ExecContext(ctx, "INSERT INTO sessions(token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)",
		hashToken(secret), id, s.stamp(now), s.stamp(now.Add(SessionLifetime)))
	if err != nil {
		return User{}, "", fmt.Errorf("open session: %w", err)
	}
	u, err := s.User(ctx, id)
	return u, secret, err
}

// Logout ends the session with secret.
func (s *Service) Logout(ctx context.Context, secret string) error {
	_, err := s.st.W.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(secret))
	return err
}

// SessionActor returns the actor of a live session.
func (s *Service) SessionActor(ctx context.Context, secret string) (actor.Actor, error) {
	var u User
	var expires string
	err := s.st.R.QueryRowContext(ctx, `SELECT u.id, u.email, u.role, u.disabled, s.expires_at FROM sessions s
		JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`, hashToken(secret)).Scan(&u.ID, &u.Email, &u.Role, &u.Disabled, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return actor.Actor{}, ErrNotLoggedIn
	}
	if err != nil {
		return actor.Actor{}, fmt.Errorf("session: %w", err)
	}
	if u.Disabled || expires < s.stamp(s.now()) {
		return actor.Actor{}, ErrNotLoggedIn
	}
	return actor.Actor{Kind: actor.User, ID: u.ID, Name: u.Email, Role: string(u.Role)}, nil
}

// CreateToken makes a bearer token and returns its secret (shown once).
func (s *Service) CreateToken(ctx context.Context, name string, role Role) (APIToken, string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return APIToken{}, "", ErrInvalidName
	}
	if err := authorizeGrant(ctx, role); err != nil {
		return APIToken{}, "", err
	}
	secret := randomToken("kzn_", 32)
	res, err := s.st.W.ExecContext(ctx, "INSERT INTO api_tokens(name, role, token_hash) VALUES (?,?,?)", name, string(role), hashToken(secret))
	if err != nil {
		return APIToken{}, "", fmt.Errorf("create token: %w", err)
	}
	id, _ := res.LastInsertId()
	tokens, err := s.queryTokens(ctx, "WHERE id = ?", id)
	if err != nil {
		return APIToken{}, "", err
	}
	return tokens[0], secret, nil
}

// Tokens lists every token (without secrets).
func (s *Service) Tokens(ctx context.Context) ([]APIToken, error) {
	return s.queryTokens(ctx, "ORDER BY id")
}

func (s *Service) queryTokens(ctx context.Context, where string, args ...any) ([]APIToken, error) {
	rows, err := s.st.R.QueryContext(ctx, "SELECT id, name, role, created_at, last_used_at, revoked_at FROM api_tokens "+where, args...)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	out := []APIToken{}
	for rows.Next() {
		var t APIToken
		if err := rows.Scan(&t.ID, &t.Name, &t.Role, &t.CreatedAt, &t.LastUsedAt, &t.RevokedAt); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken stops a token from working.
func (s *Service) RevokeToken(ctx context.Context, id int64) error {
	res, err := s.st.W.ExecContext(ctx, "UPDATE api_tokens SET revoked_at=? WHERE id=? AND revoked_at=''", s.stamp(s.now()), id)
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrTokenNotFound
	}
	return nil
}

// TokenActor returns the actor of a live bearer token.
func (s *Service) TokenActor(ctx context.Context, secret string) (actor.Actor, error) {
	var t APIToken
	err := s.st.R.QueryRowContext(ctx, "SELECT id, name, role, revoked_at FROM api_tokens WHERE token_hash = ?", hashToken(secret)).
		Scan(&t.ID, &t.Name, &t.Role, &t.RevokedAt)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && t.RevokedAt != "") {
		return actor.Actor{}, ErrNotLoggedIn
	}
	if err != nil {
		return actor.Actor{}, fmt.Errorf("token: %w", err)
	}
	return actor.Actor{Kind: actor.Token, ID: t.ID, Name: t.Name, Role: string(t.Role)}, nil
}

// Authorize returns ErrForbidden unless the actor in ctx has permission p.
func Authorize(ctx context.Context, p Permission) error {
	a := actor.From(ctx)
	if a.Kind == actor.System || a.Kind == actor.CLI || Role(a.Role).Can(p) {
		return nil
	}
	return ErrForbidden
}

// authorizeGrant checks that the actor in ctx may give a user or token role:
// nobody grants more than they have, and only owners make owners.
func authorizeGrant(ctx context.Context, role Role) error {
	if !role.Valid() {
		return ErrUnknownRole
	}
	a := actor.From(ctx)
	if a.Kind == actor.System || Role(a.Role).CanGrant(role) {
		return nil
	}
	return ErrForbidden
}
