package members

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/auth"
	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// inbox keeps what Login sends, as the recipient would read it.
type inbox struct{ got []mail.Outgoing }

func (b *inbox) Send(_ context.Context, m mail.Outgoing) (mail.Message, error) {
	b.got = append(b.got, m)
	return mail.Message{}, nil
}

var (
	codeRe  = regexp.MustCompile(`<strong[^>]*>(\d{6})</strong>`)
	tokenRe = regexp.MustCompile(`token=([^"&]+)`)
)

func (b *inbox) last(t *testing.T) (code, token string) {
	t.Helper()
	if len(b.got) == 0 {
		t.Fatal("no mail sent")
	}
	h := b.got[len(b.got)-1].HTML
	c, k := codeRe.FindStringSubmatch(h), tokenRe.FindStringSubmatch(h)
	if c == nil || k == nil {
		t.Fatalf("mail without code or link: %s", h)
	}
	tok, _ := url.QueryUnescape(k[1])
	return c[1], tok
}

func loginFixture(t *testing.T) (*Login, *inbox, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	add := func(name, email string) int64 {
		res, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name, email) VALUES (1, ?, ?)", name, email)
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		return id
	}
	member := add("山田 花子", "hanako@example.jp")
	add("佐藤 次郎", "jiro@example.jp") // on the roster, not a member
	box := &inbox{}
	l := NewLogin(st, NewSessions(st), box, func() string { return "https://alumni.example.jp/" }, nil)
	if err := l.Admit(ctx, member, "hr"); err != nil {
		t.Fatal(err)
	}
	return l, box, member
}

func TestLoginByCodeAndLink(t *testing.T) {
	ctx := context.Background()
	l, box, member := loginFixture(t)

	if err := l.Start(ctx, " Hanako@Example.jp ", "10.0.0.1"); err != nil {
		t.Fatal(err)
	}
	m := box.got[0]
	if m.To != "hanako@example.jp" || !strings.Contains(m.Subject, "ログインコード") || !strings.Contains(m.HTML, "Your portal login code") {
		t.Errorf("mail = %+v", m)
	}
	if strings.Index(m.HTML, "ログインコード") > strings.Index(m.HTML, "login code") {
		t.Error("Japanese should come first")
	}
	code, token := box.last(t)
	if !strings.Contains(m.HTML, "https://alumni.example.jp/portal/login/verify?token=") {
		t.Errorf("link: %s", m.HTML)
	}
	id, secret, err := l.Verify(ctx, "hanako@example.jp", code, "10.0.0.1")
	if err != nil || id != member || secret == "" {
		t.Fatalf("verify: %d %q %v", id, secret, err)
	}
	if a, err := l.sessions.Actor(ctx, secret); err != nil || a.ID != member {
		t.Errorf("session: %+v %v", a, err)
	}
	// The code spent its link too.
	if _, _, err := l.VerifyLink(ctx, token, "10.0.0.1"); !errors.Is(err, ErrBadLink) {
		t.Errorf("link after code: %v", err)
	}
	// A fresh link logs in once.
	l.Start(ctx, "hanako@example.jp", "10.0.0.1")
	_, token = box.last(t)
	if id, _, err := l.VerifyLink(ctx, token, "10.0.0.2"); err != nil || id != member {
		t.Fatalf("link: %d %v", id, err)
	}
	if _, _, err := l.VerifyLink(ctx, token, "10.0.0.2"); !errors.Is(err, ErrBadLink) {
		t.Errorf("reused link: %v", err)
	}
}

func TestLoginRefusals(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name string
		run  func(l *Login, box *inbox) error
		want error
	}{
		{"wrong code", func(l *Login, box *inbox) error {
			l.Start(ctx, "hanako@example.jp", "c")
			code, _ := box.last(t)
			wrong := "000000"
			if code == wrong {
				wrong = "111111"
			}
			_, _, err := l.Verify(ctx, "hanako@example.jp", wrong, "c")
			return err
		}, ErrBadCode},
		{"reused code", func(l *Login, box *inbox) error {
			l.Start(ctx, "hanako@example.jp", "c")
			code, _ := box.last(t)
			if _, _, err := l.Verify(ctx, "hanako@example.jp", code, "c"); err != nil {
				return err
			}
			_, _, err := l.Verify(ctx, "hanako@example.jp", code, "c")
			return err
		}, ErrBadCode},
		{"expired code", func(l *Login, box *inbox) error {
			l.Start(ctx, "hanako@example.jp", "c")
			code, _ := box.last(t)
			l.now = func() time.Time { return time.Now().Add(CodeLifetime + time.Minute) }
			_, _, err := l.Verify(ctx, "hanako@example.jp", code, "c")
			return err
		}, ErrBadCode},
		{"expired link", func(l *Login, box *inbox) error {
			l.Start(ctx, "hanako@example.jp", "c")
			_, token := box.last(t)
			l.now = func() time.Time { return time.Now().Add(CodeLifetime + time.Minute) }
			_, _, err := l.VerifyLink(ctx, token, "c")
			return err
		}, ErrBadLink},
		{"unknown link", func(l *Login, box *inbox) error {
			_, _, err := l.VerifyLink(ctx, "nonsense", "c")
			return err
		}, ErrBadLink},
		{"code of someone else's address", func(l *Login, box *inbox) error {
			l.Start(ctx, "hanako@example.jp", "c")
			code, _ := box.last(t)
			_, _, err := l.Verify(ctx, "jiro@example.jp", code, "c")
			return err
		}, ErrBadCode},
		{"missing email", func(l *Login, box *inbox) error { return l.Start(ctx, " ", "c") }, ErrMissingEmail},
		{"missing code", func(l *Login, box *inbox) error {
			_, _, err := l.Verify(ctx, "hanako@example.jp", "", "c")
			return err
		}, ErrMissingCode},
		{"throttled after wrong codes", func(l *Login, box *inbox) error {
			for range 5 {
				l.Verify(ctx, "hanako@example.jp", "999999x", "c")
			}
			l.Start(ctx, "hanako@example.jp", "other")
			code, _ := box.last(t)
			_, _, err := l.Verify(ctx, "hanako@example.jp", code, "other") // right code, address throttled
			return err
		}, auth.ErrThrottled},
		{"throttled starts per address", func(l *Login, box *inbox) error {
			for i := range 5 {
				l.Start(ctx, "hanako@example.jp", string(rune('a'+i)))
			}
			return l.Start(ctx, "hanako@example.jp", "z")
		}, auth.ErrThrottled},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, box, _ := loginFixture(t)
			if err := c.run(l, box); !errors.Is(err, c.want) {
				t.Errorf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestStartDoesNotEnumerate(t *testing.T) {
	ctx := context.Background()
	l, box, _ := loginFixture(t)
	for _, email := range []string{"jiro@example.jp", "nobody@example.jp"} {
		if err := l.Start(ctx, email, "c"); err != nil {
			t.Errorf("%s: %v", email, err)
		}
	}
	if len(box.got) != 0 {
		t.Errorf("mailed a non-member: %+v", box.got)
	}
}

func TestMembership(t *testing.T) {
	ctx := context.Background()
	l, box, member := loginFixture(t)
	m, err := l.Membership(ctx, member)
	if err != nil || !m.Member || m.How != "hr" || m.JoinedAt == nil {
		t.Fatalf("membership = %+v %v", m, err)
	}
	l.Start(ctx, "hanako@example.jp", "c")
	code, _ := box.last(t)
	_, secret, _ := l.Verify(ctx, "hanako@example.jp", code, "c")
	if err := l.Revoke(ctx, member); err != nil {
		t.Fatal(err)
	}
	if _, err := l.sessions.Actor(ctx, secret); !errors.Is(err, ErrNotLoggedIn) {
		t.Errorf("session after revoke: %v", err)
	}
	if m, _ := l.Membership(ctx, member); m.Member {
		t.Errorf("still a member: %+v", m)
	}
	n := len(box.got)
	l.Start(ctx, "hanako@example.jp", "d")
	if len(box.got) != n {
		t.Error("a former member was mailed a code")
	}
	for _, id := range []int64{0, 9999} {
		if _, err := l.AdmitByHR(ctx, id); !errors.Is(err, ErrNoAlumnus) {
			t.Errorf("admit %d: %v", id, err)
		}
	}
}

func TestLoginMailWithoutPublicAddress(t *testing.T) {
	h := loginMailHTML("山田 花子", "123456", "/portal/login/verify?token=x")
	if strings.Contains(h, "token=") || !strings.Contains(h, "123456") {
		t.Errorf("a relative link went into the mail: %s", h)
	}
}

func TestLoginLinkReturnsToPortalPathsOnly(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct{ next, want string }{
		{"/portal/p/jp.kizuna.surveys/s/3?t=abc", "&next=%2Fportal%2Fp%2Fjp.kizuna.surveys%2Fs%2F3%3Ft%3Dabc"},
		{"", ""},
		{"https://evil.example/portal/", ""},
		{"//evil.example/portal/", ""},
		{"/portal/../console/", ""},
		{"/console/", ""},
		{"/portal/login?next=/x", ""},
		{"/portal/\\evil", ""},
		{"/portal/" + strings.Repeat("a", 1000), ""},
	} {
		t.Run(tc.next, func(t *testing.T) {
			l, box, _ := loginFixture(t)
			if err := l.StartReturningTo(ctx, "hanako@example.jp", tc.next, "c"); err != nil {
				t.Fatal(err)
			}
			html := box.got[0].HTML
			has := strings.Contains(html, "&amp;next=") || strings.Contains(html, "&next=")
			if tc.want == "" && has {
				t.Errorf("next %q kept in the link: %s", tc.next, html)
			}
			if tc.want != "" && !strings.Contains(strings.ReplaceAll(html, "&amp;", "&"), tc.want) {
				t.Errorf("next %q: no %s in %s", tc.next, tc.want, html)
			}
		})
	}
}
