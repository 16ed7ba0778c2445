package members

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// CodeLifetime is how long a login code and its link stay valid.
const CodeLifetime = 15 * time.Minute

// Login errors.
var (
	ErrBadCode = fault.New(fault.Unauthorized, "members.bad_code",
		"コードが正しくないか、有効期限が切れています。新しいコードを請求してください",
		"the code is wrong or has expired; ask for a new one")
	ErrBadLink = fault.New(fault.Unauthorized, "members.bad_link",
		"このログインリンクは無効か、使用済みか、有効期限が切れています",
		"this login link is invalid, already used or expired")
	ErrMissingEmail = fault.New(fault.Invalid, "members.missing_email",
		"メールアドレスを入力してください", "enter your email address").
		WithFields(map[string]string{"email": "必須項目です / required"})
	ErrMissingCode = fault.New(fault.Invalid, "members.missing_code",
		"メールで届いた6桁のコードを入力してください", "enter the 6-digit code from the mail").
		WithFields(map[string]string{"code": "必須項目です / required"})
)

// Mailer sends a transactional mail (mail.Engine does).
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) (mail.Message, error)
}

// Login runs the portal's one-time-code login: Start mails a 6-digit code
// and a one-click link to a member's address, Verify and VerifyLink trade
// them for a session. Failures are throttled per address and per client.
type Login struct {
	st       *store.Store
	sessions *Sessions
	mail     Mailer
	baseURL  func() string
	// starts limits how many codes one address or client may ask for;
	// fails limits wrong codes.
	starts, fails *auth.Throttle
	log           *slog.Logger
	now           func() time.Time
}

// NewLogin returns the login service; baseURL gives the portal's public
// address for the link (empty: a relative link).
func NewLogin(st *store.Store, sessions *Sessions, m Mailer, baseURL func() string, log *slog.Logger) *Login {
	if baseURL == nil {
		baseURL = func() string { return "" }
	}
	if log == nil {
		log = slog.Default()
	}
	return &Login{st: st, sessions: sessions, mail: m, baseURL: baseURL,
		starts: auth.NewThrottle(5, 15*time.Minute), fails: auth.NewThrottle(5, 15*time.Minute),
		log: log, now: time.Now}
}

func normEmail(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// member returns the alumnus with this email who holds a membership.
func (l *Login) member(ctx context.Context, email string) (id int64, name string, ok bool, err error) {
	err = l.st.R.QueryRowContext(ctx, `SELECT a.id, a.name FROM alumni a JOIN memberships m ON m.alumnus_id = a.id
		WHERE lower(a.email) = ?`, email).Scan(&id, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, "", false, nil
	}
	return id, name, err == nil, err
}

// IsMember reports whether the alumnus may log in to the portal.
func (l *Login) IsMember(ctx context.Context, alumnusID int64) (bool, error) {
	var n int
	err := l.st.R.QueryRowContext(ctx, "SELECT count(*) FROM memberships WHERE alumnus_id = ?", alumnusID).Scan(&n)
	return n > 0, err
}

// Admit makes the alumnus a member (how: "invitation", "registration", "hr", "demo").
func (l *Login) Admit(ctx context.Context, alumnusID int64, how string) error {
	return l.AdmitAll(ctx, []int64{alumnusID}, how)
}

// AdmitAll makes every alumnus in ids a member, in one transaction.
func (l *Login) AdmitAll(ctx context.Context, ids []int64, how string) error {
	tx, err := l.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	now := stamp(l.now())
	for _, id := range ids {
		if _, err := tx.ExecContext(ctx, `INSERT INTO memberships(alumnus_id, joined_at, how) VALUES (?,?,?)
			ON CONFLICT(alumnus_id) DO NOTHING`, id, now, how); err != nil {
			return fmt.Errorf("admit members: %w", err)
		}
		if _, err := tx.ExecContext(ctx, noteChange, id); err != nil {
			return fmt.Errorf("admit members: %w", err)
		}
	}
	return tx.Commit()
}

func sixDigits() string {
	n, err := rand.Int(rand.Reader, big.NewInt(1_000_000))
	if err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return fmt.Sprintf("%06d", n.Int64())
}

// codeHash salts the code with its alumnus, so equal codes differ at rest.
func codeHash(alumnusID int64, code string) string {
	return auth.HashSecret(fmt.Sprintf("%d:%s", alumnusID, code))
}

// Start mails a login code and link when email belongs to a member. It
// answers the same whether or not it does (no account enumeration); only
// throttling is reported.
func (l *Login) Start(ctx context.Context, email, client string) error {
	return l.StartReturningTo(ctx, email, "", client)
}

// StartReturningTo is Start whose mailed link, once used, leads to next: a
// path of the portal (e.g. a survey the alumnus was sent before logging in).
// Anything else in next is dropped, so a login link cannot lead off the portal.
func (l *Login) StartReturningTo(ctx context.Context, email, next, client string) error {
	email = normEmail(email)
	if email == "" {
		return ErrMissingEmail
	}
	if err := l.starts.Allow(email, client); err != nil {
		return err
	}
	l.starts.Fail(email, client) // every start counts against the limit
	id, name, ok, err := l.member(ctx, email)
	if err != nil || !ok {
		return err
	}
	code, token := sixDigits(), auth.NewSecret()
	now := l.now()
	if _, err := l.st.W.ExecContext(ctx, `INSERT INTO member_login_codes(alumnus_id, code_hash, token_hash, created_at, expires_at)
		VALUES (?,?,?,?,?)`, id, codeHash(id, code), auth.HashSecret(token), stamp(now), stamp(now.Add(CodeLifetime))); err != nil {
		return fmt.Errorf("store login code: %w", err)
	}
	link := strings.TrimRight(l.baseURL(), "/") + "/portal/login/verify?token=" + url.QueryEscape(token)
	if next = portalPath(next); next != "" {
		link += "&next=" + url.QueryEscape(next)
	}
	if _, err := l.mail.Send(ctx, mail.Outgoing{To: email, ToName: name, AlumnusID: id,
		Subject: "ログインコード " + code + " / Your login code", HTML: loginMailHTML(name, code, link)}); err != nil {
		// The caller sees the same answer; HR sees the failure in the log.
		l.log.Warn("portal login mail not sent", "alumnus", id, "err", err)
	}
	return nil
}

// Verify trades a code mailed to email for a session secret.
func (l *Login) Verify(ctx context.Context, email, code, client string) (int64, string, error) {
	email, code = normEmail(email), strings.TrimSpace(code)
	if email == "" {
		return 0, "", ErrMissingEmail
	}
	if code == "" {
		return 0, "", ErrMissingCode
	}
	if err := l.fails.Allow(email, client); err != nil {
		return 0, "", err
	}
	id, _, ok, err := l.member(ctx, email)
	if err != nil {
		return 0, "", err
	}
	if ok {
		ok, err = l.use(ctx, "alumnus_id = ? AND code_hash = ?", id, codeHash(id, code))
		if err != nil {
			return 0, "", err
		}
	}
	if !ok {
		l.fails.Fail(email, client)
		return 0, "", ErrBadCode
	}
	l.fails.Succeed(email, client)
	return l.open(ctx, id, client)
}

// VerifyLink trades the token of a mailed login link for a session secret.
func (l *Login) VerifyLink(ctx context.Context, token, client string) (int64, string, error) {
	token = strings.TrimSpace(token)
	if err := l.fails.Allow("link:"+client, client); err != nil {
		return 0, "", err
	}
	var id int64
	err := l.st.R.QueryRowContext(ctx, "SELECT alumnus_id FROM member_login_codes WHERE token_hash = ?", auth.HashSecret(token)).Scan(&id)
	ok := err == nil && token != ""
	if ok {
		ok, err = l.use(ctx, "token_hash = ?", auth.HashSecret(token))
		if err != nil {
			return 0, "", err
		}
	} else if !errors.Is(err, sql.ErrNoRows) && err != nil {
		return 0, "", err
	}
	if !ok {
		l.fails.Fail("link:"+client, client)
		return 0, "", ErrBadLink
	}
	return l.open(ctx, id, client)
}

// use marks one live, unused code matching where as used; it reports
// whether there was one. A used code also spends its link and vice versa.
func (l *Login) use(ctx context.Context, where string, args ...any) (bool, error) {
	now := stamp(l.now())
	res, err := l.st.W.ExecContext(ctx, `UPDATE member_login_codes SET used_at = ?
		WHERE id = (SELECT id FROM member_login_codes WHERE `+where+` AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 1)`,
		append(append([]any{now}, args...), now)...)
	if err != nil {
		return false, fmt.Errorf("use login code: %w", err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

func (l *Login) open(ctx context.Context, id int64, client string) (int64, string, error) {
	if ok, err := l.IsMember(ctx, id); err != nil || !ok {
		return 0, "", errors.Join(ErrBadLink, err)
	}
	secret, err := l.sessions.Open(ctx, id, client)
	return id, secret, err
}

// portalPath returns next when it is a path of the portal other than its
// login pages ("/portal/…" also once cleaned of "..", no host, no backslash
// or space, at most 1,000 bytes), else "".
func portalPath(next string) string {
	if len(next) > 1000 || !strings.HasPrefix(next, "/portal/") || strings.HasPrefix(next, "/portal/login") ||
		strings.ContainsAny(next, "\\ \t\r\n") || strings.Contains(next, "//") {
		return ""
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(path.Clean(u.Path)+"/", "/portal/") {
		return ""
	}
	return next
}
