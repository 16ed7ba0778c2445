package members

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/fault"
)

// regFixture is a roster of three: a member, a former employee who is not
// a member yet (with an address, employee number and years), and a current
// employee (no leave date).
func regFixture(t *testing.T) (*Registrations, *inbox, map[string]int64) {
	t.Helper()
	l, box, member := loginFixture(t)
	ctx := context.Background()
	ids := map[string]int64{"member": member}
	for key, row := range map[string][]any{
		"left":    {"鈴木 一郎", "スズキ イチロウ", "ichiro@example.jp", "E100", "2010-04-01", "2020-03-31"},
		"current": {"高橋 美咲", "タカハシ ミサキ", "misaki@example.jp", "E200", "2015-04-01", ""},
	} {
		res, err := l.st.W.ExecContext(ctx, `INSERT INTO alumni(company_id, name, name_reading, email, employee_number, join_date, leave_date)
			VALUES (1,?,?,?,?,?,?)`, row...)
		if err != nil {
			t.Fatal(err)
		}
		ids[key], _ = res.LastInsertId()
	}
	return NewRegistrations(l), box, ids
}

func lastCode(t *testing.T, box *inbox) string {
	t.Helper()
	m := codeRe.FindStringSubmatch(box.got[len(box.got)-1].HTML)
	if m == nil {
		t.Fatalf("no code in %s", box.got[len(box.got)-1].HTML)
	}
	return m[1]
}

func ichiro(email string) RegistrationRequest {
	return RegistrationRequest{Name: "鈴木一郎", NameReading: "すずき いちろう", EmployeeNumber: "E100", JoinYear: 2010, LeaveYear: 2020, Email: email}
}

func register(t *testing.T, r *Registrations, box *inbox, req RegistrationRequest, client string) (Outcome, error) {
	t.Helper()
	if err := r.Submit(context.Background(), req, client); err != nil {
		t.Fatalf("submit: %v", err)
	}
	return r.Verify(context.Background(), req.Email, lastCode(t, box), client)
}

func TestRegistrationWithRosterAddressIsAdmitted(t *testing.T) {
	r, box, ids := regFixture(t)
	out, err := register(t, r, box, ichiro("Ichiro@Example.jp"), "10.0.0.1")
	if err != nil || out.Status != RegAdmitted || out.AlumnusID != ids["left"] || out.Secret == "" {
		t.Fatalf("outcome = %+v, %v", out, err)
	}
	if ok, _ := r.login.IsMember(context.Background(), ids["left"]); !ok {
		t.Error("not a member after admission")
	}
	if m := box.got[len(box.got)-1]; !strings.Contains(m.Subject, "ようこそ") {
		t.Errorf("welcome mail: %+v", m)
	}
	// Registering again: the address is a member now.
	_, err = register(t, r, box, ichiro("ichiro@example.jp"), "10.0.0.1")
	if !errors.Is(err, ErrAlreadyMember) {
		t.Errorf("second registration: %v", err)
	}
	var n int
	r.login.st.R.QueryRow("SELECT count(*) FROM registrations").Scan(&n)
	if n != 1 {
		t.Errorf("%d registrations stored, want 1", n)
	}
}

func TestRegistrationWithNewAddressIsQueuedThenApproved(t *testing.T) {
	ctx := context.Background()
	r, box, ids := regFixture(t)
	out, err := register(t, r, box, ichiro("ichiro.new@example.com"), "10.0.0.2")
	if err != nil || out.Status != RegPending || out.Secret != "" {
		t.Fatalf("outcome = %+v, %v", out, err)
	}
	// The same address again while queued: a clear message, nothing new.
	if _, err := register(t, r, box, ichiro("ichiro.new@example.com"), "10.0.0.2"); !errors.Is(err, ErrAlreadyPending) {
		t.Errorf("duplicate: %v", err)
	}
	q, err := r.Queue(ctx)
	if err != nil || len(q) != 1 {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	c := q[0].Candidates
	if len(c) == 0 || c[0].ID != ids["left"] || c[0].has("email") || !c[0].has("employee_number") || !c[0].has("name_reading") {
		t.Fatalf("candidates = %+v", c)
	}
	g, replaced, err := r.Approve(ctx, q[0].ID, Approval{AlumnusID: ids["left"], UpdateEmail: true})
	if err != nil || g.Status != RegApproved || replaced != "ichiro@example.jp" {
		t.Fatalf("approve = %+v %q %v", g, replaced, err)
	}
	if _, _, err := r.Approve(ctx, q[0].ID, Approval{AlumnusID: ids["left"]}); !errors.Is(err, ErrNotPending) {
		t.Errorf("second approval: %v", err)
	}
	if m := box.got[len(box.got)-1]; m.To != "ichiro.new@example.com" || !strings.Contains(m.Subject, "承認") {
		t.Errorf("approval mail: %+v", m)
	}
	// The person logs in with the new address.
	if err := r.login.Start(ctx, "ichiro.new@example.com", "10.0.0.2"); err != nil {
		t.Fatal(err)
	}
	code, _ := box.last(t)
	if _, _, err := r.login.Verify(ctx, "ichiro.new@example.com", code, "10.0.0.2"); err != nil {
		t.Errorf("login after approval: %v", err)
	}
}

func TestRegistrationRejectedWithReason(t *testing.T) {
	ctx := context.Background()
	r, box, _ := regFixture(t)
	out, err := register(t, r, box, RegistrationRequest{Name: "見知らぬ 人", NameReading: "ミシラヌ ヒト", JoinYear: 2001, Email: "x@example.org"}, "10.0.0.3")
	if err != nil || out.Status != RegPending {
		t.Fatalf("unknown person: %+v %v", out, err)
	}
	q, _ := r.Queue(ctx)
	if len(q) != 1 || len(q[0].Candidates) != 0 {
		t.Fatalf("queue = %+v", q)
	}
	if _, err := r.Reject(ctx, q[0].ID, "  "); !errors.Is(err, ErrMissingReason) {
		t.Errorf("reject without reason: %v", err)
	}
	g, err := r.Reject(ctx, q[0].ID, "名簿に該当する方が見つかりませんでした <b>")
	if err != nil || g.Status != RegRejected {
		t.Fatalf("reject: %+v %v", g, err)
	}
	if m := box.got[len(box.got)-1]; !strings.Contains(m.HTML, "見つかりませんでした &lt;b&gt;") {
		t.Errorf("rejection mail: %s", m.HTML)
	}
}

func TestRegistrationOfCurrentEmployeeIsRefused(t *testing.T) {
	r, box, ids := regFixture(t)
	out, err := register(t, r, box, RegistrationRequest{Name: "高橋 美咲", NameReading: "タカハシ ミサキ", EmployeeNumber: "E200", Email: "misaki@example.jp"}, "10.0.0.4")
	if err != nil || out.Status != RegRefused || out.Secret != "" {
		t.Fatalf("outcome = %+v, %v", out, err)
	}
	if ok, _ := r.login.IsMember(context.Background(), ids["current"]); ok {
		t.Error("a current employee was admitted")
	}
}

func TestRegistrationBadInput(t *testing.T) {
	ctx := context.Background()
	r, box, _ := regFixture(t)
	good := ichiro("ichiro@example.jp")
	for name, tc := range map[string]struct {
		edit  func(*RegistrationRequest)
		field string
	}{
		"no name":        {func(q *RegistrationRequest) { q.Name = " " }, "name"},
		"no reading":     {func(q *RegistrationRequest) { q.NameReading = "" }, "name_reading"},
		"reading kanji":  {func(q *RegistrationRequest) { q.NameReading = "鈴木" }, "name_reading"},
		"no email":       {func(q *RegistrationRequest) { q.Email = "" }, "email"},
		"bad email":      {func(q *RegistrationRequest) { q.Email = "ichiro@" }, "email"},
		"no identifiers": {func(q *RegistrationRequest) { q.EmployeeNumber, q.JoinYear, q.LeaveYear = "", 0, 0 }, "employee_number"},
		"future year":    {func(q *RegistrationRequest) { q.LeaveYear = time.Now().Year() + 1 }, "leave_year"},
		"left first":     {func(q *RegistrationRequest) { q.JoinYear, q.LeaveYear = 2020, 2010 }, "leave_year"},
	} {
		t.Run(name, func(t *testing.T) {
			req := good
			tc.edit(&req)
			err := r.Submit(ctx, req, "10.0.1.1")
			fe, ok := fault.As(err)
			if !ok || fe.Kind != fault.Invalid || fe.Fields[tc.field] == "" {
				t.Fatalf("err = %v (%+v)", err, fe)
			}
		})
	}
	if len(box.got) != 0 {
		t.Errorf("%d mails sent for bad input", len(box.got))
	}
	var n int
	r.login.st.R.QueryRow("SELECT count(*) FROM registrations").Scan(&n)
	if n != 0 {
		t.Errorf("%d registrations stored for bad input", n)
	}
}

func TestRegistrationCodeExpiredReusedAndFlood(t *testing.T) {
	ctx := context.Background()
	r, box, _ := regFixture(t)
	req := ichiro("ichiro@example.jp")
	if err := r.Submit(ctx, req, "10.0.2.1"); err != nil {
		t.Fatal(err)
	}
	code := lastCode(t, box)
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	if _, err := r.Verify(ctx, req.Email, wrong, "10.0.2.1"); !errors.Is(err, ErrRegBadCode) {
		t.Errorf("wrong code: %v", err)
	}
	// Expired.
	r.login.now = func() time.Time { return time.Now().Add(RegistrationCodeLifetime + time.Minute) }
	if _, err := r.Verify(ctx, req.Email, code, "10.0.2.1"); !errors.Is(err, ErrRegBadCode) {
		t.Errorf("expired code: %v", err)
	}
	// Another person's request an hour later sweeps the expired one away.
	r.login.now = func() time.Time { return time.Now().Add(time.Hour) }
	if err := r.Submit(ctx, ichiro("someone.else@example.org"), "10.0.2.2"); err != nil {
		t.Fatal(err)
	}
	var left int
	r.login.st.R.QueryRow("SELECT count(*) FROM registrations WHERE email = ?", req.Email).Scan(&left)
	if left != 0 {
		t.Errorf("expired unconfirmed request kept")
	}
	r.login.now = time.Now
	if err := r.Submit(ctx, req, "10.0.2.1"); err != nil {
		t.Fatal(err)
	}
	code = lastCode(t, box)
	// Used once, then refused.
	if _, err := r.Verify(ctx, req.Email, code, "10.0.2.1"); err != nil {
		t.Fatalf("verify: %v", err)
	}
	if _, err := r.Verify(ctx, req.Email, code, "10.0.2.1"); !errors.Is(err, ErrRegBadCode) {
		t.Errorf("reused code: %v", err)
	}
	// A flood from one client address is cut off.
	var err error
	for i := 0; i < 10 && err == nil; i++ {
		err = r.Submit(ctx, ichiro("flood"+string(rune('a'+i))+"@example.org"), "10.0.9.9")
	}
	if !errors.Is(err, ErrRegThrottled) {
		t.Errorf("flood: %v", err)
	}
}
