package feed_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/audit"
	"github.com/kizuna-hr/kizuna/app/fault"
	"github.com/kizuna-hr/kizuna/app/feed"
	"github.com/kizuna-hr/kizuna/app/segments"
	"github.com/kizuna-hr/kizuna/app/store"
)

type notice struct {
	to   int64
	kind string
}

type recorder struct {
	mu  sync.Mutex
	got []notice
}

func (r *recorder) Notify(_ context.Context, to int64, kind, _, _, _ string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.got = append(r.got, notice{to, kind})
	return nil
}

// world is a feed over a real database with three alumni: sales (営業),
// engineer (エンジニア) and other, and a saved segment "営業職".
type world struct {
	st                     *store.Store
	f                      *feed.Service
	log                    *audit.Log
	notes                  *recorder
	sales, engineer, other int64
	segment                int64
	now                    time.Time
}

func newWorld(t *testing.T) *world {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	repo := alumni.NewRepo(st)
	w := &world{st: st, log: audit.New(st), notes: &recorder{}, now: time.Date(2026, 4, 1, 9, 0, 0, 0, time.UTC)}
	ids := make([]int64, 3)
	for i, p := range []struct{ name, job, email string }{
		{"佐藤 花子", "営業", "hanako@example.jp"}, {"鈴木 一郎", "エンジニア", "ichiro@example.jp"}, {"高橋 次郎", "人事", "jiro@example.jp"},
	} {
		a := &alumni.Alumnus{CompanyID: 1, Name: p.name, Email: p.email, JobType: p.job}
		alumni.Normalize(a)
		created, err := repo.Create(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = created.ID
	}
	w.sales, w.engineer, w.other = ids[0], ids[1], ids[2]
	names := func(context.Context) (map[int64]string, error) { return map[int64]string{1: "本社"}, nil }
	segs := segments.New(st, alumni.NewDirectory(repo, names))
	seg, err := segs.Create(ctx, segments.Segment{Name: "営業職", Filter: segments.Filter{JobTypes: []string{"営業"}}}, "hr")
	if err != nil {
		t.Fatal(err)
	}
	w.segment = seg.ID
	w.f = feed.New(st, w.log, segs, feed.Options{Notifier: w.notes, RateMax: 3, RateEvery: 10 * time.Minute})
	w.f.SetClock(func() time.Time { return w.now })
	return w
}

func ids(posts []feed.Post) []int64 {
	out := []int64{}
	for _, p := range posts {
		out = append(out, p.ID)
	}
	return out
}

func (w *world) sees(t *testing.T, who, post int64) bool {
	t.Helper()
	pg, err := w.f.Feed(context.Background(), who, "", 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range append(ids(pg.Pinned), ids(pg.Posts)...) {
		if id == post {
			return true
		}
	}
	return false
}

func (w *world) company(t *testing.T, d feed.Draft) feed.Post {
	t.Helper()
	p, err := w.f.CreateCompanyPost(context.Background(), "hr:1", d)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestTargetingSchedulingDrafts(t *testing.T) {
	w := newWorld(t)
	everyone := w.company(t, feed.Draft{Kind: feed.KindNews, Title: "全員へ", Body: "お知らせ"})
	sales := w.company(t, feed.Draft{Kind: feed.KindPolicy, Title: "営業へ", Body: "制度変更", SegmentID: w.segment})
	later := w.company(t, feed.Draft{Kind: feed.KindPress, Title: "明日", Body: "発表", PublishAt: "2026-04-02T09:00:00+09:00"})
	draft := w.company(t, feed.Draft{Kind: feed.KindComeback, Title: "下書き", Body: "インタビュー", Draft: true})
	pinned := w.company(t, feed.Draft{Kind: feed.KindExecutive, ExecutiveName: "山本 社長", Title: "メッセージ", Body: "皆さんへ", Pinned: true})
	cases := []struct {
		name string
		who  int64
		post int64
		want bool
	}{
		{"everyone's post reaches the engineer", w.engineer, everyone.ID, true},
		{"segment post reaches a member", w.sales, sales.ID, true},
		{"segment post is not in a non-member's feed", w.engineer, sales.ID, false},
		{"scheduled post hidden before its time", w.sales, later.ID, false},
		{"draft never shown", w.sales, draft.ID, false},
		{"pinned post shown", w.other, pinned.ID, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := w.sees(t, c.who, c.post); got != c.want {
				t.Errorf("sees = %v, want %v", got, c.want)
			}
		})
	}
	pg, _ := w.f.Feed(context.Background(), w.other, "", 20)
	if len(pg.Pinned) != 1 || pg.Pinned[0].AuthorName != "山本 社長" {
		t.Errorf("pinned = %+v, want the executive's message signed 山本 社長", pg.Pinned)
	}
	w.now = time.Date(2026, 4, 2, 0, 0, 1, 0, time.UTC) // 09:00:01 JST
	if !w.sees(t, w.sales, later.ID) {
		t.Error("scheduled post not shown once its time came")
	}
	if _, _, err := w.f.Post(context.Background(), w.engineer, sales.ID); !errors.Is(err, feed.ErrNotFound) {
		t.Errorf("engineer opening the sales post: %v, want not found", err)
	}
}

func TestCompanyPostValidation(t *testing.T) {
	w := newWorld(t)
	cases := []struct {
		name  string
		d     feed.Draft
		field string
	}{
		{"unknown kind", feed.Draft{Kind: "ad", Title: "x", Body: "x"}, "kind"},
		{"alumni kind is not HR's", feed.Draft{Kind: feed.KindAlumni, Title: "x", Body: "x"}, "kind"},
		{"no title", feed.Draft{Kind: feed.KindNews, Body: "x"}, "title"},
		{"no body", feed.Draft{Kind: feed.KindNews, Title: "x", Body: "  "}, "body"},
		{"executive without a name", feed.Draft{Kind: feed.KindExecutive, Title: "x", Body: "x"}, "executive_name"},
		{"bad time", feed.Draft{Kind: feed.KindNews, Title: "x", Body: "x", PublishAt: "明日"}, "publish_at"},
		{"body too long", feed.Draft{Kind: feed.KindNews, Title: "x", Body: strings.Repeat("あ", 20001)}, "body"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := w.f.CreateCompanyPost(context.Background(), "hr:1", c.d)
			var fe *fault.Error
			if !errors.As(err, &fe) || fe.Kind != fault.Invalid || fe.Fields[c.field] == "" {
				t.Fatalf("err = %v, want invalid %s", err, c.field)
			}
		})
	}
	posts, _ := w.f.CompanyPosts(context.Background())
	if len(posts) != 0 {
		t.Errorf("%d posts stored after refusals", len(posts))
	}
}

func TestXSS(t *testing.T) {
	w := newWorld(t)
	cases := []struct{ name, body, banned string }{
		{"script tag", "hi <script>alert(1)</script>", "<script"},
		{"javascript link (markdown)", "[click](javascript:alert(1))", "javascript:"},
		{"javascript link (html)", `<a href="javascript:alert(1)">x</a>`, "javascript:"},
		{"onerror attribute", `<img src="x" onerror="alert(1)">`, "onerror"},
		{"iframe", `<iframe src="https://evil.example"></iframe>`, "<iframe"},
		{"svg onload", `<svg onload="alert(1)"></svg>`, "onload"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := w.f.CreateAlumniPost(context.Background(), w.sales, feed.Draft{Body: c.body})
			w.now = w.now.Add(10 * time.Minute) // stay under the rate limit
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(p.BodyHTML), c.banned) {
				t.Errorf("rendered %q still contains %q", p.BodyHTML, c.banned)
			}
			cm, err := w.f.AddComment(context.Background(), w.engineer, p.ID, c.body, nil)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(cm.BodyHTML), c.banned) {
				t.Errorf("comment %q still contains %q", cm.BodyHTML, c.banned)
			}
		})
	}
}

func TestRateLimit(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	for i := range 3 {
		if _, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "投稿"}); err != nil {
			t.Fatalf("post %d: %v", i+1, err)
		}
	}
	_, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "4つ目"})
	var fe *fault.Error
	if !errors.As(err, &fe) || fe.Kind != fault.TooMany || !strings.Contains(fe.JA, "しばらく待って") {
		t.Fatalf("4th post: %v, want too many with a clear message", err)
	}
	if _, err := w.f.CreateAlumniPost(ctx, w.engineer, feed.Draft{Body: "別の人"}); err != nil {
		t.Errorf("another alumnus limited too: %v", err)
	}
	w.now = w.now.Add(10 * time.Minute)
	if _, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "後で"}); err != nil {
		t.Errorf("after the window: %v", err)
	}
	pg, _ := w.f.Feed(ctx, w.other, "", 50)
	if len(pg.Posts) != 5 {
		t.Errorf("%d posts stored, want 5 (the refused one not stored)", len(pg.Posts))
	}
}

func TestOwnPostsOnly(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "元の文"})
	if err != nil {
		t.Fatal(err)
	}
	hr := w.company(t, feed.Draft{Kind: feed.KindNews, Title: "t", Body: "b"})
	cases := []struct {
		name string
		who  int64
		post int64
		want error
	}{
		{"another alumnus guessing the id", w.engineer, p.ID, feed.ErrNotYours},
		{"an alumnus on an HR post", w.sales, hr.ID, feed.ErrNotYours},
		{"a missing id", w.sales, p.ID + 1000, feed.ErrNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if _, err := w.f.UpdateAlumniPost(ctx, c.who, c.post, feed.Draft{Body: "書き換え"}); !errors.Is(err, c.want) {
				t.Errorf("update: %v, want %v", err, c.want)
			}
			if err := w.f.DeleteAlumniPost(ctx, c.who, c.post); !errors.Is(err, c.want) {
				t.Errorf("delete: %v, want %v", err, c.want)
			}
		})
	}
	got, _, err := w.f.Post(ctx, w.other, p.ID)
	if err != nil || got.Body != "元の文" {
		t.Fatalf("post after attempts: %+v %v", got, err)
	}
	if _, err := w.f.UpdateAlumniPost(ctx, w.sales, p.ID, feed.Draft{Body: "直した"}); err != nil {
		t.Errorf("author editing: %v", err)
	}
	if err := w.f.DeleteAlumniPost(ctx, w.sales, p.ID); err != nil {
		t.Errorf("author deleting: %v", err)
	}
}

func TestCommentsReactionsMentions(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "こういう案件の経験がある方、アドバイスください", Mentions: []int64{w.other}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.f.AddComment(ctx, w.engineer, p.ID, "@佐藤 花子 さん、経験あります", []int64{w.sales}); err != nil {
		t.Fatal(err)
	}
	on, err := w.f.React(ctx, w.engineer, p.ID, "thanks")
	if err != nil || !on {
		t.Fatalf("react: %v %v", on, err)
	}
	if _, err := w.f.React(ctx, w.engineer, p.ID, "angry"); !errors.Is(err, feed.ErrBadReaction) {
		t.Errorf("unknown reaction: %v", err)
	}
	got, comments, err := w.f.Post(ctx, w.engineer, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Comments != 1 || len(comments) != 1 || got.Reactions["thanks"] != 1 || len(got.MyReactions) != 1 {
		t.Errorf("post = %+v comments = %+v", got, comments)
	}
	want := []notice{{w.other, "mention"}, {w.sales, "comment"}, {w.sales, "reaction"}}
	if len(w.notes.got) != len(want) {
		t.Fatalf("notices = %+v, want %+v", w.notes.got, want)
	}
	for i := range want {
		if w.notes.got[i] != want[i] {
			t.Errorf("notice %d = %+v, want %+v", i, w.notes.got[i], want[i])
		}
	}
	if on, _ := w.f.React(ctx, w.engineer, p.ID, "thanks"); on {
		t.Error("second reaction did not toggle off")
	}
}

func TestModeration(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p, _ := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "問題のある投稿"})
	c, _ := w.f.AddComment(ctx, w.engineer, p.ID, "問題のあるコメント", nil)
	if err := w.f.ReportContent(ctx, w.other, feed.TargetPost, p.ID, "勧誘です"); err != nil {
		t.Fatal(err)
	}
	if err := w.f.ReportContent(ctx, w.other, feed.TargetComment, c.ID, ""); err == nil {
		t.Error("report without a reason accepted")
	}
	if err := w.f.ReportContent(ctx, w.other, "user", 1, "x"); !errors.Is(err, feed.ErrBadTarget) {
		t.Errorf("bad target: %v", err)
	}
	q, _ := w.f.Queue(ctx)
	if len(q) != 1 || q[0].Reason != "勧誘です" || q[0].Author != "佐藤 花子" {
		t.Fatalf("queue = %+v", q)
	}
	if err := w.f.Moderate(ctx, feed.TargetPost, p.ID, feed.ActionHide, "ガイドライン違反"); err != nil {
		t.Fatal(err)
	}
	if w.sees(t, w.engineer, p.ID) || w.sees(t, w.other, p.ID) {
		t.Error("hidden post still in other members' feeds")
	}
	mine, _, err := w.f.Post(ctx, w.sales, p.ID)
	if err != nil || !mine.Hidden || mine.HiddenNote != "ガイドライン違反" {
		t.Errorf("author's view = %+v %v, want hidden with the note", mine, err)
	}
	if q, _ := w.f.Queue(ctx); len(q) != 0 {
		t.Errorf("queue after hiding = %+v", q)
	}
	if err := w.f.Moderate(ctx, feed.TargetPost, p.ID, feed.ActionRestore, ""); err != nil || !w.sees(t, w.engineer, p.ID) {
		t.Errorf("restore: %v", err)
	}
	if err := w.f.Moderate(ctx, feed.TargetComment, c.ID, feed.ActionDelete, ""); err != nil {
		t.Fatal(err)
	}
	if err := w.f.Moderate(ctx, feed.TargetComment, c.ID, feed.ActionDelete, ""); !errors.Is(err, feed.ErrNotFound) {
		t.Errorf("second delete: %v", err)
	}
	entries, _ := w.log.List(ctx, audit.Filter{})
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	for _, a := range []string{"feed.moderate.hide", "feed.moderate.restore", "feed.moderate.delete"} {
		if !strings.Contains(strings.Join(actions, " "), a) {
			t.Errorf("audit has no %s: %v", a, actions)
		}
	}
}

func TestSpacesAndPaging(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	sp, err := w.f.CreateSpace(ctx, "alumnus:1", w.sales, feed.Space{Name: "2010年入社", Dimension: "join_era"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.f.CreateAlumniPost(ctx, w.engineer, feed.Draft{Body: "参加前", SpaceID: sp.ID}); !errors.Is(err, feed.ErrNotInSpace) {
		t.Errorf("post before joining: %v", err)
	}
	in, err := w.f.CreateAlumniPost(ctx, w.sales, feed.Draft{Body: "同期の皆さん", SpaceID: sp.ID})
	if err != nil {
		t.Fatal(err)
	}
	if w.sees(t, w.engineer, in.ID) {
		t.Error("space post in a non-member's feed")
	}
	if err := w.f.Join(ctx, w.engineer, sp.ID); err != nil {
		t.Fatal(err)
	}
	if !w.sees(t, w.engineer, in.ID) {
		t.Error("space post missing after joining")
	}
	if err := w.f.Leave(ctx, w.engineer, sp.ID); err != nil || w.sees(t, w.engineer, in.ID) {
		t.Errorf("after leaving: %v", err)
	}
	if _, err := w.f.CreateSpace(ctx, "hr:1", 0, feed.Space{Name: "x", Dimension: "planet"}); err == nil {
		t.Error("bad dimension accepted")
	}
	// keyset paging: 25 posts in pages of 10, no repeats, no gaps.
	for i := range 25 {
		w.now = w.now.Add(time.Minute)
		if _, err := w.f.CreateCompanyPost(ctx, "hr:1", feed.Draft{Kind: feed.KindNews, Title: "n", Body: "b", PublishAt: w.now.Add(-time.Duration(i%3) * time.Second).Format(time.RFC3339)}); err != nil {
			t.Fatal(err)
		}
	}
	seen := map[int64]bool{}
	cursor, pages := "", 0
	for {
		pg, err := w.f.Feed(ctx, w.other, cursor, 10)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, p := range pg.Posts {
			if seen[p.ID] {
				t.Fatalf("post %d twice", p.ID)
			}
			seen[p.ID] = true
		}
		if cursor = pg.Next; cursor == "" {
			break
		}
	}
	if len(seen) != 25 || pages != 3 {
		t.Errorf("saw %d posts in %d pages, want 25 in 3", len(seen), pages)
	}
}

// A post for a segment that was deleted reaches nobody (never everyone).
func TestDeletedSegmentReachesNobody(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	p := w.company(t, feed.Draft{Kind: feed.KindPolicy, Title: "営業へ", Body: "制度変更", SegmentID: w.segment})
	if _, err := w.st.W.ExecContext(ctx, `DELETE FROM segments WHERE id = ?`, w.segment); err != nil {
		t.Fatal(err)
	}
	for _, who := range []int64{w.sales, w.engineer} {
		if w.sees(t, who, p.ID) {
			t.Errorf("alumnus %d sees a post whose segment was deleted", who)
		}
	}
}
