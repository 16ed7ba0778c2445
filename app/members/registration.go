package members

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/fault"
	kmail "github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/textnorm"
)

// RegistrationCodeLifetime is how long a registration's mailed code stays valid.
const RegistrationCodeLifetime = 30 * time.Minute

// The states of a registration request.
const (
	RegUnverified = "unverified" // the code was mailed, not yet entered
	RegAdmitted   = "admitted"   // confident roster match: a member now
	RegPending    = "pending"    // in HR's approval queue
	RegRefused    = "refused"    // on the roster, but has not left the company
	RegApproved   = "approved"   // HR linked it to a roster entry and admitted it
	RegRejected   = "rejected"   // HR declined it, with a reason
)

// Registration errors.
var (
	ErrRegBadCode = fault.New(fault.Unauthorized, "members.registration_bad_code",
		"確認コードが正しくないか、有効期限切れか、使用済みです。もう一度登録をやり直してください",
		"the confirmation code is wrong, expired or already used; please register again")
	ErrRegThrottled = fault.New(fault.TooMany, "members.registration_throttled",
		"登録の申請が多すぎます。しばらく待ってから再度お試しください", "too many registrations; wait a while and try again")
	ErrAlreadyMember = fault.New(fault.Conflict, "members.already_member",
		"このメールアドレスはすでに会員です。ログイン画面からログインしてください",
		"this address already belongs to a member; log in on the login page")
	ErrAlreadyPending = fault.New(fault.Conflict, "members.registration_pending",
		"このメールアドレスの申請はすでに受け付けており、人事の承認待ちです。結果はメールでお知らせします",
		"a registration from this address is already waiting for HR's approval; you will hear by mail")
	ErrNoRegistration = fault.New(fault.NotFound, "members.no_registration", "登録申請が見つかりません", "no such registration")
	ErrNotPending     = fault.New(fault.Conflict, "members.registration_decided",
		"この申請はすでに処理済みです", "this registration has already been decided")
	ErrMissingReason = fault.New(fault.Invalid, "members.missing_reason",
		"却下の理由を入力してください（申請者にメールで伝わります）", "give a reason (it is mailed to the person)").
		WithFields(map[string]string{"reason": "必須項目です / required"})
	ErrEmailTaken = fault.New(fault.Conflict, "members.email_taken",
		"このメールアドレスは名簿の別の人が使っています", "another alumnus on the roster has this address")
	errRegInvalid = fault.New(fault.Invalid, "members.registration_invalid",
		"入力内容を確認してください", "please check your entries")
)

// RegistrationRequest is what a visitor enters on /portal/register.
type RegistrationRequest struct {
	Name           string `json:"name"`
	NameReading    string `json:"name_reading"`
	EmployeeNumber string `json:"employee_number"`
	JoinYear       int    `json:"join_year"`
	LeaveYear      int    `json:"leave_year"`
	Email          string `json:"email"`
}

// Registration is one stored request, as HR's queue shows it.
type Registration struct {
	ID int64 `json:"id"`
	RegistrationRequest
	Status     string      `json:"status"`
	Reason     string      `json:"reason,omitempty"`
	AlumnusID  int64       `json:"alumnus_id,omitempty"`
	CreatedAt  time.Time   `json:"created_at"`
	VerifiedAt *time.Time  `json:"verified_at,omitempty"`
	Candidates []Candidate `json:"candidates"`
}

// Outcome is what a verified registration led to; Secret opens a portal
// session when Status is RegAdmitted.
type Outcome struct {
	Status    string `json:"status"`
	AlumnusID int64  `json:"-"`
	Secret    string `json:"-"`
}

// Registrations runs open registration: Submit mails a code to the given
// address, Verify matches the verified request against the roster and
// admits, queues or refuses it; HR approves or rejects the queue.
type Registrations struct {
	login         *Login
	submits, fail *auth.Throttle
}

// NewRegistrations returns the registration service over the portal login
// (its store, mailer, sessions and Admit).
func NewRegistrations(l *Login) *Registrations {
	return &Registrations{login: l, submits: auth.NewThrottle(5, time.Hour), fail: auth.NewThrottle(5, 15*time.Minute)}
}

func (r *Registrations) validate(req *RegistrationRequest) error {
	req.Name = textnorm.Clean(req.Name)
	req.NameReading = textnorm.ToKatakana(textnorm.Clean(req.NameReading))
	req.EmployeeNumber = textnorm.Clean(req.EmployeeNumber)
	req.Email = normEmail(req.Email)
	f := map[string]string{}
	switch {
	case req.Name == "":
		f["name"] = "必須項目です / required"
	case len([]rune(req.Name)) > 100:
		f["name"] = "100文字以内で入力してください / at most 100 characters"
	}
	switch {
	case req.NameReading == "":
		f["name_reading"] = "必須項目です / required"
	case !alumni.IsReading(req.NameReading) || len([]rune(req.NameReading)) > 100:
		f["name_reading"] = "フリガナはカタカナ・ひらがなで入力してください / the reading must be written in kana"
	}
	if a, err := mail.ParseAddress(req.Email); req.Email == "" {
		f["email"] = "必須項目です / required"
	} else if err != nil || a.Address != req.Email || len(req.Email) > 254 {
		f["email"] = "メールアドレスの形式が正しくありません / not a valid email address"
	}
	if len([]rune(req.EmployeeNumber)) > 40 {
		f["employee_number"] = "40文字以内で入力してください / at most 40 characters"
	}
	thisYear := r.login.now().Year()
	for field, y := range map[string]int{"join_year": req.JoinYear, "leave_year": req.LeaveYear} {
		if y != 0 && (y < 1950 || y > thisYear) {
			f[field] = fmt.Sprintf("1950〜%d年で入力してください / a year from 1950 to %d", thisYear, thisYear)
		}
	}
	if req.JoinYear != 0 && req.LeaveYear != 0 && req.LeaveYear < req.JoinYear && f["leave_year"] == "" {
		f["leave_year"] = "入社年より後の年にしてください / must not be before the joining year"
	}
	if req.EmployeeNumber == "" && req.JoinYear == 0 && req.LeaveYear == 0 {
		f["employee_number"] = "社員番号か入社年・退職年を入力してください / give your employee number or your joining and leaving years"
	}
	if len(f) > 0 {
		return errRegInvalid.WithFields(f)
	}
	return nil
}

// Submit stores a request and mails a confirmation code to its address. The
// answer is the same whoever the person is (nothing tells whether they are
// on the roster or a member); only bad input and floods are reported. A
// second request from an unconfirmed address replaces the first.
func (r *Registrations) Submit(ctx context.Context, req RegistrationRequest, client string) error {
	if err := r.validate(&req); err != nil {
		return err
	}
	if r.submits.Allow(req.Email, client) != nil {
		return ErrRegThrottled
	}
	r.submits.Fail(req.Email, client) // every request counts against the limit
	l := r.login
	code, now := sixDigits(), l.now()
	tx, err := l.st.W.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// An earlier unconfirmed request from this address is replaced; expired
	// unconfirmed ones from anyone are not kept (they hold personal data).
	if _, err := tx.ExecContext(ctx, "DELETE FROM registrations WHERE status = ? AND (email = ? OR expires_at < ?)",
		RegUnverified, req.Email, stamp(now)); err != nil {
		return fmt.Errorf("registration: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO registrations(email, name, name_reading, employee_number, join_year, leave_year,
		code_hash, expires_at, created_at) VALUES (?,?,?,?,?,?,?,?,?)`, req.Email, req.Name, req.NameReading, req.EmployeeNumber,
		req.JoinYear, req.LeaveYear, "", stamp(now.Add(RegistrationCodeLifetime)), stamp(now))
	if err != nil {
		return fmt.Errorf("registration: %w", err)
	}
	id, _ := res.LastInsertId()
	if _, err := tx.ExecContext(ctx, "UPDATE registrations SET code_hash = ? WHERE id = ?", regCodeHash(id, code), id); err != nil {
		return fmt.Errorf("registration: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	r.send(ctx, req.Email, req.Name, "登録確認コード "+code+" / Your registration code", regMail{Code: code})
	return nil
}

func regCodeHash(id int64, code string) string {
	return auth.HashSecret(fmt.Sprintf("reg:%d:%s", id, code))
}

// Verify checks the code mailed to email and decides the request: a
// confident roster match is admitted (and Outcome.Secret opens a session),
// a person on the roster who has not left is refused, anyone else waits in
// HR's queue. An address that is already a member or already queued gets
// ErrAlreadyMember or ErrAlreadyPending and nothing new is kept.
func (r *Registrations) Verify(ctx context.Context, email, code, client string) (Outcome, error) {
	l := r.login
	email, code = normEmail(email), strings.TrimSpace(code)
	if email == "" {
		return Outcome{}, ErrMissingEmail
	}
	if code == "" {
		return Outcome{}, ErrMissingCode
	}
	if err := r.fail.Allow(email, client); err != nil {
		return Outcome{}, ErrRegThrottled
	}
	var reg Registration
	var hash, expires string
	err := l.st.R.QueryRowContext(ctx, `SELECT id, name, name_reading, employee_number, join_year, leave_year, code_hash, expires_at
		FROM registrations WHERE email = ? AND status = ? ORDER BY id DESC LIMIT 1`, email, RegUnverified).
		Scan(&reg.ID, &reg.Name, &reg.NameReading, &reg.EmployeeNumber, &reg.JoinYear, &reg.LeaveYear, &hash, &expires)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return Outcome{}, err
	}
	reg.Email = email
	if err != nil || hash != regCodeHash(reg.ID, code) || expires <= stamp(l.now()) {
		r.fail.Fail(email, client)
		return Outcome{}, ErrRegBadCode
	}
	r.fail.Succeed(email, client)
	if _, _, member, err := l.member(ctx, email); err != nil || member {
		return Outcome{}, errors.Join(r.drop(ctx, reg.ID, ErrAlreadyMember), err)
	}
	var queued int
	if err := l.st.R.QueryRowContext(ctx, "SELECT count(*) FROM registrations WHERE email = ? AND status = ?", email, RegPending).Scan(&queued); err != nil {
		return Outcome{}, err
	}
	if queued > 0 {
		return Outcome{}, r.drop(ctx, reg.ID, ErrAlreadyPending)
	}
	cands, err := r.candidates(ctx, reg.RegistrationRequest)
	if err != nil {
		return Outcome{}, err
	}
	out := Outcome{Status: RegPending}
	if len(cands) > 0 && cands[0].confident() {
		out.AlumnusID = cands[0].ID
		out.Status = RegAdmitted
		if cands[0].LeaveDate == "" {
			out.Status = RegRefused
		}
	}
	if out.Status == RegAdmitted {
		if err := l.Admit(ctx, out.AlumnusID, "registration"); err != nil {
			return Outcome{}, err
		}
	}
	if err := r.decide(ctx, reg.ID, out.Status, out.AlumnusID, "", true); err != nil {
		return Outcome{}, err
	}
	switch out.Status {
	case RegAdmitted:
		r.send(ctx, email, reg.Name, "ようこそ / Welcome to the alumni network", regMail{Admitted: true, Link: r.loginLink()})
		if out.Secret, err = l.sessions.Open(ctx, out.AlumnusID, client); err != nil {
			return Outcome{}, err
		}
	case RegPending:
		r.send(ctx, email, reg.Name, "登録申請を受け付けました / We received your registration", regMail{Pending: true})
	}
	return out, nil
}

// drop removes an unverified request that led nowhere and returns why.
func (r *Registrations) drop(ctx context.Context, id int64, why error) error {
	if _, err := r.login.st.W.ExecContext(ctx, "DELETE FROM registrations WHERE id = ?", id); err != nil {
		return err
	}
	return why
}

// decide moves a request to status (and marks it verified now when verified).
func (r *Registrations) decide(ctx context.Context, id int64, status string, alumnusID int64, reason string, verified bool) error {
	now := stamp(r.login.now())
	var decided any = now
	if status == RegPending {
		decided = nil
	}
	q, args := "UPDATE registrations SET status = ?, alumnus_id = ?, reason = ?, decided_at = ?", []any{status, nullID(alumnusID), reason, decided}
	if verified {
		q, args = q+", verified_at = ?", append(args, now)
	}
	if _, err := r.login.st.W.ExecContext(ctx, q+" WHERE id = ?", append(args, id)...); err != nil {
		return fmt.Errorf("registration: %w", err)
	}
	return nil
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func (r *Registrations) loginLink() string {
	return strings.TrimRight(r.login.baseURL(), "/") + "/portal/login"
}

func (r *Registrations) send(ctx context.Context, to, name, subject string, m regMail) {
	m.Name = name
	if _, err := r.login.mail.Send(ctx, kmail.Outgoing{To: to, ToName: name, Subject: subject, HTML: regMailHTML(m)}); err != nil {
		r.login.log.Warn("registration mail not sent", "err", err)
	}
}
