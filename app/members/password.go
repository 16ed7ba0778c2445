package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
)

// An optional password besides the mailed code: a member sets, changes or
// removes it in the portal; a forgotten one is replaced after a code login.

// Password errors.
var (
	ErrBadPassword = fault.New(fault.Unauthorized, "members.bad_password",
		"メールアドレスまたはパスワードが正しくありません（パスワードを忘れた場合はメールのコードでログインしてください）",
		"wrong email or password (forgot it? log in with a mailed code)")
	ErrMissingPassword = fault.New(fault.Invalid, "members.missing_password",
		"パスワードを入力してください", "enter your password").
		WithFields(map[string]string{"password": "必須項目です / required"})
)

// HasPassword reports whether the member has set a password.
func (l *Login) HasPassword(ctx context.Context, alumnusID int64) (bool, error) {
	var n int
	err := l.st.R.QueryRowContext(ctx, "SELECT count(*) FROM member_passwords WHERE alumnus_id = ?", alumnusID).Scan(&n)
	return n > 0, err
}

// SetPassword sets or changes the member's password and closes every other
// session of theirs (keep is the secret of the session asking, "" for none).
func (l *Login) SetPassword(ctx context.Context, alumnusID int64, password, keep string) error {
	hash, err := auth.HashPassword(password)
	if err != nil {
		if errors.Is(err, auth.ErrWeakPassword) {
			return auth.ErrWeakPassword.WithFields(map[string]string{"password": "10文字以上72バイト以内 / 10 characters to 72 bytes"})
		}
		return err
	}
	return l.passwordTx(ctx, alumnusID, keep, `INSERT INTO member_passwords(alumnus_id, hash, updated_at) VALUES (?,?,?)
		ON CONFLICT(alumnus_id) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`, alumnusID, hash, stamp(l.now()))
}

// RemovePassword removes the member's password (the code login stays) and
// closes every other session of theirs.
func (l *Login) RemovePassword(ctx context.Context, alumnusID int64, keep string) error {
	return l.passwordTx(ctx, alumnusID, keep, "DELETE FROM member_passwords WHERE alumnus_id = ?", alumnusID)
}

func (l *Login) passwordTx(ctx context.Context, alumnusID int64, keep, q string, args ...any) error {
	tx, err := l.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("member password: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM member_sessions WHERE alumnus_id = ? AND token_hash <> ?",
		alumnusID, auth.HashSecret(keep)); err != nil {
		return fmt.Errorf("member password: close sessions: %w", err)
	}
	return tx.Commit()
}

// PasswordLogin trades a member's email and password for a session secret.
// An unknown address, a member without a password and a wrong password give
// the same error in the same time; failures are throttled like wrong codes.
func (l *Login) PasswordLogin(ctx context.Context, email, password, client string) (int64, string, error) {
	email = normEmail(email)
	if email == "" {
		return 0, "", ErrMissingEmail
	}
	if password == "" {
		return 0, "", ErrMissingPassword
	}
	if err := l.fails.Allow(email, client); err != nil {
		return 0, "", err
	}
	id, _, ok, err := l.member(ctx, email)
	if err != nil {
		return 0, "", err
	}
	var hash string
	if ok {
		err = l.st.R.QueryRowContext(ctx, "SELECT hash FROM member_passwords WHERE alumnus_id = ?", id).Scan(&hash)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return 0, "", err
		}
	}
	if !auth.CheckPassword(hash, password) {
		l.fails.Fail(email, client)
		return 0, "", ErrBadPassword
	}
	l.fails.Succeed(email, client)
	return l.open(ctx, id, client)
}
