package notify

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/mail"
	"github.com/kizuna-hr/kizuna/app/store"
)

// recorder keeps what would be queued; the engine itself is tested in app/mail.
type recorder struct {
	mu  sync.Mutex
	out []mail.Outgoing
}

func (r *recorder) Send(_ context.Context, m mail.Outgoing) (mail.Message, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.out = append(r.out, m)
	return mail.Message{}, nil
}

func fixture(t *testing.T, now *time.Time) (*Service, *recorder, int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	res, err := st.W.ExecContext(ctx, "INSERT INTO alumni(company_id, name, email) VALUES ((SELECT min(id) FROM companies), '山田 太郎', 'taro@example.jp')")
	if err != nil {
		t.Fatal(err)
	}
	id, _ := res.LastInsertId()
	rec := &recorder{}
	return New(st, rec, func() string { return "https://alumni.example.jp" }, func() time.Time { return *now }, nil), rec, id
}

func TestPrefsHonoured(t *testing.T) {
	cases := []struct {
		channel          Channel
		listed, mailedAt bool
	}{
		{Portal, true, false},
		{Mail, true, true},
		{Digest, true, false},
		{Off, false, false},
	}
	for _, c := range cases {
		t.Run(string(c.channel), func(t *testing.T) {
			now := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
			s, rec, a := fixture(t, &now)
			ctx := context.Background()
			if err := s.SetPrefs(ctx, a, map[string]Channel{"comment": c.channel}); err != nil {
				t.Fatal(err)
			}
			if err := s.Notify(ctx, a, "comment", "佐藤さんがコメントしました", "Sato commented", "/portal/feed/1"); err != nil {
				t.Fatal(err)
			}
			list, unread, err := s.List(ctx, a, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := len(list) == 1 && unread == 1; got != c.listed {
				t.Errorf("listed = %v (%d items, %d unread), want %v", got, len(list), unread, c.listed)
			}
			if got := len(rec.out) == 1; got != c.mailedAt {
				t.Errorf("mailed at once = %v, want %v", got, c.mailedAt)
			}
			if c.mailedAt && !strings.Contains(rec.out[0].HTML, "https://alumni.example.jp/portal/feed/1") {
				t.Errorf("mail lacks the absolute link: %s", rec.out[0].HTML)
			}
		})
	}
}

func TestBadPrefsStoreNothing(t *testing.T) {
	now := time.Now()
	s, _, a := fixture(t, &now)
	ctx := context.Background()
	err := s.SetPrefs(ctx, a, map[string]Channel{"comment": Mail, "news": "fax"})
	if err == nil {
		t.Fatal("a bad channel was accepted")
	}
	p, _ := s.Prefs(ctx, a)
	if p["comment"] != Portal {
		t.Errorf("comment = %q after a refused update, want portal", p["comment"])
	}
	if err := s.SetPrefs(ctx, a, map[string]Channel{"gossip": Mail}); err == nil {
		t.Error("an unknown kind was accepted")
	}
}

func TestMarkRead(t *testing.T) {
	now := time.Now()
	s, _, a := fixture(t, &now)
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		if err := s.Notify(ctx, a, "news", "お知らせ", "News", ""); err != nil {
			t.Fatal(err)
		}
	}
	list, _, _ := s.List(ctx, a, 0)
	if err := s.MarkRead(ctx, a, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Unread(ctx, a); n != 2 {
		t.Errorf("unread = %d, want 2", n)
	}
	if err := s.MarkRead(ctx, a+1, list[1].ID); err == nil {
		t.Error("another alumnus marked this one's notification read")
	}
	if err := s.MarkRead(ctx, a, 0); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Unread(ctx, a); n != 0 {
		t.Errorf("unread = %d after read all, want 0", n)
	}
}

func TestWeeklyDigest(t *testing.T) {
	// Wednesday 2 December 2026, 12:00 JST.
	now := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
	s, rec, a := fixture(t, &now)
	ctx := context.Background()
	if err := s.SetPrefs(ctx, a, map[string]Channel{"reaction": Digest, "comment": Portal}); err != nil {
		t.Fatal(err)
	}
	s.Notify(ctx, a, "reaction", "鈴木さんがいいねしました", "Suzuki liked your post", "/portal/feed/7")
	s.Notify(ctx, a, "reaction", "田中さんがいいねしました", "Tanaka liked your post", "/portal/feed/8")
	s.Notify(ctx, a, "comment", "コメントがあります", "New comment", "")

	if n, err := s.SendDigests(ctx); err != nil || n != 0 {
		t.Fatalf("before Monday: %d digests (%v), want none", n, err)
	}
	now = time.Date(2026, 12, 7, 0, 30, 0, 0, time.UTC) // Monday 09:30 JST
	if n, err := s.SendDigests(ctx); err != nil || n != 1 {
		t.Fatalf("on Monday: %d digests (%v), want 1", n, err)
	}
	m := rec.out[0]
	for _, want := range []string{"鈴木さんがいいねしました", "田中さんがいいねしました", "2 件", "https://alumni.example.jp/portal/feed/8"} {
		if !strings.Contains(m.Subject+m.HTML, want) {
			t.Errorf("digest lacks %q:\n%s\n%s", want, m.Subject, m.HTML)
		}
	}
	if strings.Contains(m.HTML, "コメントがあります") {
		t.Error("a portal-only notification went into the digest")
	}
	now = now.Add(time.Hour)
	if n, _ := s.SendDigests(ctx); n != 0 {
		t.Errorf("a second run sent %d digests again", n)
	}
}

// TestDigestThroughTheCatcher sends a digest through the real engine and
// reads it back from the built-in catcher.
func TestDigestThroughTheCatcher(t *testing.T) {
	now := time.Date(2026, 12, 2, 3, 0, 0, 0, time.UTC)
	s, _, a := fixture(t, &now)
	ctx := context.Background()
	eng, err := mail.New(ctx, s.st, mail.Config{BaseURL: "https://alumni.example.jp"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.mailer = eng
	s.SetPrefs(ctx, a, map[string]Channel{"news": Digest})
	s.Notify(ctx, a, "news", "カムバック採用を再開しました", "Comeback hiring has reopened", "/portal/news/3")
	now = time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	if n, err := s.SendDigests(ctx); err != nil || n != 1 {
		t.Fatalf("%d digests (%v)", n, err)
	}
	runCtx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	if err := eng.Start(runCtx); err != nil {
		t.Fatal(err)
	}
	defer eng.Stop(context.Background())
	if err := eng.Drain(runCtx); err != nil {
		t.Fatal(err)
	}
	caught, err := eng.Catcher().List(ctx, 10, 0)
	if err != nil || len(caught) != 1 {
		t.Fatalf("caught %d (%v), want 1", len(caught), err)
	}
	msg, _ := eng.Catcher().Get(ctx, caught[0].ID)
	if msg.Subject != "【週間まとめ】お知らせ 1 件" || len(msg.RcptTo) != 1 || msg.RcptTo[0] != "taro@example.jp" {
		t.Errorf("subject %q to %v", msg.Subject, msg.RcptTo)
	}
}
