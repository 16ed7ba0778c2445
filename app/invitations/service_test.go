package invitations

import (
	"bytes"
	"context"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/members"
	"github.com/kizuna-hr/kizuna/app/store"
)

// inbox keeps what the service sends, as the recipient would read it.
type inbox struct{ got []mail.Outgoing }

func (b *inbox) Send(_ context.Context, m mail.Outgoing) (mail.Message, error) {
	b.got = append(b.got, m)
	return mail.Message{}, nil
}

var linkRe = regexp.MustCompile(`/portal/invite/([A-Za-z0-9_-]+)`)

func (b *inbox) token(t *testing.T) string {
	t.Helper()
	if len(b.got) == 0 {
		t.Fatal("no mail sent")
	}
	m := linkRe.FindStringSubmatch(b.got[len(b.got)-1].HTML)
	if m == nil {
		t.Fatalf("mail without link: %s", b.got[len(b.got)-1].HTML)
	}
	return m[1]
}

type fixture struct {
	svc    *Service
	st     *store.Store
	box    *inbox
	people map[string]int64
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := fixture{st: st, box: &inbox{}, people: map[string]int64{}}
	for _, p := range []struct{ key, name, email, leave string }{
		{"leaver", "佐藤 健", "ken@example.jp", "2026-12-20"},
		{"noemail", "鈴木 一郎", "", "2026-12-25"},
		{"member", "山田 花子", "hanako@example.jp", "2026-11-01"},
		{"old", "田中 次郎", "jiro@example.jp", "2020-03-31"},
	} {
		res, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name, email, leave_date) VALUES (1, ?, ?, ?)", p.name, p.email, p.leave)
		if err != nil {
			t.Fatal(err)
		}
		f.people[p.key], _ = res.LastInsertId()
	}
	sessions := members.NewSessions(st)
	login := members.NewLogin(st, sessions, f.box, nil, nil)
	if err := login.Admit(ctx, f.people["member"], "hr"); err != nil {
		t.Fatal(err)
	}
	f.svc = New(Deps{Store: st, Mail: f.box, Admit: login, Sessions: sessions, Audit: audit.New(st),
		BaseURL: func() string { return "https://alumni.example.jp" }})
	return f
}

func TestInviteAndAccept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res, err := f.svc.Issue(ctx, Input{AlumnusIDs: []int64{f.people["leaver"]}, SenderKind: FromManager,
		SenderName: "高橋 部長", SenderEmail: "Takahashi@Example.jp", Message: "**お疲れさまでした**", Send: true})
	if err != nil || len(res) != 1 || !res[0].Sent {
		t.Fatalf("issue: %+v %v", res, err)
	}
	m := f.box.got[0]
	if m.To != "ken@example.jp" || m.FromName != "高橋 部長" || m.ReplyTo != "takahashi@example.jp" {
		t.Errorf("mail header fields: %+v", m)
	}
	if !strings.Contains(m.HTML, "<strong>お疲れさまでした</strong>") || !strings.Contains(m.HTML, "高橋 部長") {
		t.Errorf("mail body lacks the message or signature: %s", m.HTML)
	}
	tok := f.box.token(t)
	var stored int
	f.st.R.QueryRow("SELECT count(*) FROM invitations WHERE token_hash = ?", tok).Scan(&stored)
	if stored != 0 {
		t.Error("the raw token is stored")
	}
	pub, err := f.svc.Lookup(ctx, tok)
	if err != nil || pub.Name != "佐藤 健" || pub.SenderName != "高橋 部長" {
		t.Fatalf("lookup: %+v %v", pub, err)
	}
	id, secret, err := f.svc.Accept(ctx, tok, "test")
	if err != nil || id != f.people["leaver"] || secret == "" {
		t.Fatalf("accept: %d %q %v", id, secret, err)
	}
	var how string
	f.st.R.QueryRow("SELECT how FROM memberships WHERE alumnus_id = ?", id).Scan(&how)
	if how != "invitation" {
		t.Errorf("membership how = %q", how)
	}
	if _, _, err := f.svc.Accept(ctx, tok, "test"); !errors.Is(err, ErrUsed) {
		t.Errorf("reused link: %v", err)
	}
	list, _ := f.svc.List(ctx, Accepted, 0)
	if len(list) != 1 || list[0].AlumnusID != id {
		t.Errorf("accepted list: %+v", list)
	}
	var audits int
	f.st.R.QueryRow("SELECT count(*) FROM audit_log WHERE action IN ('invitations.send','invitations.accept')").Scan(&audits)
	if audits != 2 {
		t.Errorf("audit entries = %d, want 2", audits)
	}
}

func TestBadLinks(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	issue := func() string {
		t.Helper()
		if _, err := f.svc.Issue(ctx, Input{AlumnusIDs: []int64{f.people["leaver"]}, Send: true}); err != nil {
			t.Fatal(err)
		}
		return f.box.token(t)
	}
	old := issue()
	current := issue() // re-inviting replaces the old link
	if _, err := f.svc.Lookup(ctx, old); !errors.Is(err, ErrBadLink) {
		t.Errorf("replaced link: %v", err)
	}
	if err := f.svc.Revoke(ctx, f.people["leaver"]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Accept(ctx, current, "t"); !errors.Is(err, ErrRevoked) {
		t.Errorf("revoked link: %v", err)
	}
	if err := f.svc.Revoke(ctx, f.people["noemail"]); !errors.Is(err, ErrNotFound) {
		t.Errorf("revoke of nothing: %v", err)
	}
	expiring := issue()
	f.svc.now = func() time.Time { return time.Now().Add(31 * 24 * time.Hour) }
	if _, _, err := f.svc.Accept(ctx, expiring, "t"); !errors.Is(err, ErrExpired) {
		t.Errorf("expired link: %v", err)
	}
	for _, garbage := range []string{"", "nonsense", strings.Repeat("x", 500), "../../etc"} {
		if _, err := f.svc.Lookup(ctx, garbage); !errors.Is(err, ErrBadLink) {
			t.Errorf("garbage %q: %v", garbage, err)
		}
	}
}

func TestIssueBadInput(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		in   Input
		want error
	}{
		{"no email", Input{AlumnusIDs: []int64{f.people["noemail"]}, Send: true}, ErrNoEmail},
		{"already member", Input{AlumnusIDs: []int64{f.people["member"]}, Send: true}, ErrAlreadyMember},
		{"message too long", Input{AlumnusIDs: []int64{f.people["leaver"]}, Message: strings.Repeat("あ", MaxMessage+1)}, ErrMessageTooLong},
		{"days too many", Input{AlumnusIDs: []int64{f.people["leaver"]}, Days: 400}, ErrBadDays},
		{"days negative", Input{AlumnusIDs: []int64{f.people["leaver"]}, Days: -1}, ErrBadDays},
		{"manager without email", Input{AlumnusIDs: []int64{f.people["leaver"]}, SenderKind: FromManager, SenderName: "高橋"}, ErrBadSender},
		{"unknown sender kind", Input{AlumnusIDs: []int64{f.people["leaver"]}, SenderKind: "ceo"}, ErrBadSender},
		{"nobody", Input{}, ErrNoAlumni},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := f.svc.Issue(ctx, tc.in); !errors.Is(err, tc.want) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	var n int
	f.st.R.QueryRow("SELECT count(*) FROM invitations").Scan(&n)
	if n != 0 || len(f.box.got) != 0 {
		t.Errorf("bad input stored %d invitations, sent %d mails", n, len(f.box.got))
	}
	// In a batch the ones that cannot be invited are reported, the others go.
	res, err := f.svc.Issue(ctx, Input{AlumnusIDs: []int64{f.people["leaver"], f.people["noemail"], f.people["member"]}, Send: true})
	if err != nil || len(res) != 3 || !res[0].Sent || res[1].Code != "invitations.no_email" || res[2].Code != "invitations.already_member" {
		t.Errorf("batch: %+v %v", res, err)
	}
}

func TestLeaversAndLeaflets(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	got, err := f.svc.Leavers(ctx, "2026-12-01", "2026-12-31")
	if err != nil || len(got) != 2 || got[0].Name != "佐藤 健" || got[1].Name != "鈴木 一郎" {
		t.Fatalf("leavers: %+v %v", got, err)
	}
	if _, err := f.svc.Leavers(ctx, "2026-12-31", "2026-12-01"); !errors.Is(err, ErrBadWindow) {
		t.Errorf("reversed window: %v", err)
	}
	if _, err := f.svc.font(); err != nil {
		t.Skip("IPA Gothic is not installed:", err)
	}
	res, pdf, err := f.svc.Leaflets(ctx, Input{AlumnusIDs: []int64{got[0].AlumnusID, got[1].AlumnusID}, Message: "ありがとうございました"})
	if err != nil || len(res) != 2 || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("leaflets: %+v %v", res, err)
	}
	if n := bytes.Count(pdf, []byte("/Type /Page\n")); n != 2 {
		t.Errorf("pages = %d, want 2", n)
	}
	list, _ := f.svc.List(ctx, Unsent, 0)
	if len(list) != 2 {
		t.Errorf("leaflet-only invitations are unsent: %+v", list)
	}
	missing := New(Deps{Store: f.st, FontPath: "/nonexistent.ttf"})
	if _, _, err := missing.Leaflets(ctx, Input{AlumnusIDs: []int64{got[0].AlumnusID}}); !errors.Is(err, ErrNoFont) {
		t.Errorf("missing font: %v", err)
	}
}
