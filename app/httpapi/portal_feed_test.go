package httpapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/kizuna-hr/kizuna/app/alumni"
	"github.com/kizuna-hr/kizuna/app/auth"
)

// memberSecret logs alumnus in to the portal and returns the cookie secret.
func (f *fixture) memberSecret(t *testing.T, alumnus int64) string {
	t.Helper()
	secret, err := f.members.Open(context.Background(), alumnus, "")
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// memberJSON sends a request with a portal cookie and decodes a JSON answer into out.
func (f *fixture) memberJSON(t *testing.T, secret, method, path string, body any, out any) (int, apiError) {
	t.Helper()
	code, b := f.asMember(t, secret, method, path, body)
	var e apiError
	if code >= 400 {
		json.Unmarshal(b, &e)
	} else if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			t.Fatalf("%s %s: %v %s", method, path, err, b)
		}
	}
	return code, e
}

func (f *fixture) secondAlumnus(t *testing.T) int64 {
	t.Helper()
	a := &alumni.Alumnus{CompanyID: 1, Name: "田中 美咲", NameReading: "たなか みさき", Email: "misaki@example.jp"}
	alumni.Normalize(a)
	created, err := alumni.NewRepo(f.st).Create(context.Background(), a)
	if err != nil {
		t.Fatal(err)
	}
	return created.ID
}

type feedPage struct {
	Pinned []struct{ ID int64 } `json:"pinned"`
	Posts  []struct {
		ID       int64  `json:"id"`
		BodyHTML string `json:"body_html"`
		Comments int    `json:"comments"`
		Hidden   bool   `json:"hidden"`
	} `json:"posts"`
}

func (p feedPage) has(id int64) bool {
	for _, x := range p.Posts {
		if x.ID == id {
			return true
		}
	}
	return false
}

func TestPortalFeedFlow(t *testing.T) {
	f := newFixture(t)
	taro, misaki := f.memberSecret(t, f.alumnus), f.memberSecret(t, f.secondAlumnus(t))
	var post struct {
		ID       int64  `json:"id"`
		BodyHTML string `json:"body_html"`
	}
	code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{
		"body": "こういう案件の経験がある方、アドバイスください <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"}, &post)
	if code != 201 {
		t.Fatalf("post: %d %+v", code, e)
	}
	for _, bad := range []string{"<script", "javascript:", "onerror"} {
		if strings.Contains(post.BodyHTML, bad) {
			t.Errorf("stored HTML %q keeps %s", post.BodyHTML, bad)
		}
	}
	if code, e := f.memberJSON(t, misaki, "POST", fmt.Sprintf("/api/portal/posts/%d/comments", post.ID), map[string]any{"body": "経験あります"}, nil); code != 201 {
		t.Fatalf("comment: %d %+v", code, e)
	}
	if code, _ := f.memberJSON(t, misaki, "POST", fmt.Sprintf("/api/portal/posts/%d/reactions", post.ID), map[string]any{"reaction": "thanks"}, nil); code != 200 {
		t.Fatalf("react: %d", code)
	}
	if code, e := f.memberJSON(t, misaki, "POST", fmt.Sprintf("/api/portal/posts/%d/reactions", post.ID), map[string]any{"reaction": "angry"}, nil); code != 422 && code != 400 {
		t.Errorf("unknown reaction: %d %+v", code, e)
	}
	// misaki cannot edit or delete taro's post by guessing its id.
	if code, e := f.memberJSON(t, misaki, "PUT", fmt.Sprintf("/api/portal/posts/%d", post.ID), map[string]any{"body": "乗っ取り"}, nil); code != 403 || e.Error.Message == "" || e.Error.MessageEN == "" {
		t.Errorf("edit another's post: %d %+v", code, e)
	}
	if code, _ := f.memberJSON(t, misaki, "DELETE", fmt.Sprintf("/api/portal/posts/%d", post.ID), nil, nil); code != 403 {
		t.Errorf("delete another's post: %d", code)
	}
	if code, _ := f.memberJSON(t, misaki, "POST", "/api/portal/reports", map[string]any{"target_kind": "post", "target_id": post.ID, "reason": "勧誘です"}, nil); code != 202 {
		t.Fatalf("report: %d", code)
	}
	// HR sees the report and hides the post.
	var queue struct {
		Items []struct {
			TargetID int64 `json:"target_id"`
		}
	}
	f.call(t, "GET", "/api/feed/reports", nil, &queue)
	if len(queue.Items) != 1 || queue.Items[0].TargetID != post.ID {
		t.Fatalf("queue = %+v", queue)
	}
	if code, b := f.do(t, auth.Viewer, "POST", "/api/feed/moderation", jsonBody(map[string]any{"target_kind": "post", "target_id": post.ID, "action": "hide"}), "application/json"); code != 403 {
		t.Errorf("viewer moderating: %d %s", code, b)
	}
	if code, b := f.do(t, auth.HRStaff, "POST", "/api/feed/moderation", jsonBody(map[string]any{"target_kind": "post", "target_id": post.ID, "action": "hide", "note": "ガイドライン違反"}), "application/json"); code != 204 {
		t.Fatalf("hide: %d %s", code, b)
	}
	var pg feedPage
	f.memberJSON(t, misaki, "GET", "/api/portal/feed", nil, &pg)
	if pg.has(post.ID) {
		t.Error("the other alumnus still sees the hidden post")
	}
	if code, _ := f.memberJSON(t, misaki, "GET", fmt.Sprintf("/api/portal/posts/%d", post.ID), nil, nil); code != 404 {
		t.Errorf("hidden post opened by another: %d", code)
	}
	f.memberJSON(t, taro, "GET", "/api/portal/feed", nil, &pg)
	if !pg.has(post.ID) || !pg.Posts[0].Hidden {
		t.Errorf("author's feed = %+v, want the post marked hidden", pg)
	}
	var audit struct{ Items []struct{ Action string } }
	f.call(t, "GET", "/api/audit?action=feed.moderate.hide", nil, &audit)
	if len(audit.Items) == 0 {
		t.Error("hide not in the audit trail")
	}
}

func TestPortalRateLimitAndBadInput(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	cases := []struct {
		name string
		body any
		want int
	}{
		{"empty body", map[string]any{"body": "  "}, 422},
		{"space not joined", map[string]any{"body": "x", "space_id": 999}, 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", c.body, nil)
			if code != c.want || e.Error.Message == "" || e.Error.MessageEN == "" {
				t.Errorf("%d %+v, want %d with a bilingual message", code, e, c.want)
			}
		})
	}
	for i := range 10 {
		if code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{"body": fmt.Sprint("投稿", i)}, nil); code != 201 {
			t.Fatalf("post %d: %d %+v", i+1, code, e)
		}
	}
	code, e := f.memberJSON(t, taro, "POST", "/api/portal/posts", map[string]any{"body": "11件目"}, nil)
	if code != 429 || !strings.Contains(e.Error.Message, "しばらく待って") || !strings.Contains(e.Error.MessageEN, "wait") {
		t.Errorf("11th post: %d %+v, want 429 with a clear message", code, e)
	}
	var pg feedPage
	f.memberJSON(t, taro, "GET", "/api/portal/feed?limit=50", nil, &pg)
	if len(pg.Posts) != 10 {
		t.Errorf("%d posts stored, want 10", len(pg.Posts))
	}
}

func TestCompanyPostsTargeting(t *testing.T) {
	f := newFixture(t)
	taro := f.memberSecret(t, f.alumnus)
	var seg struct{ ID int64 }
	f.call(t, "POST", "/api/segments", map[string]any{"name": "誰もいない", "filter": map[string]any{"q": "存在しない名前"}}, &seg)
	var everyone, targeted struct{ ID int64 }
	f.call(t, "POST", "/api/feed/posts", map[string]any{"kind": "news", "title": "全員へ", "body": "お知らせ"}, &everyone)
	f.call(t, "POST", "/api/feed/posts", map[string]any{"kind": "policy", "title": "対象者へ", "body": "制度変更", "segment_id": seg.ID}, &targeted)
	var pg feedPage
	f.memberJSON(t, taro, "GET", "/api/portal/feed", nil, &pg)
	if !pg.has(everyone.ID) || pg.has(targeted.ID) {
		t.Errorf("feed = %+v: want the post for everyone and not the one for a segment taro is not in", pg)
	}
	code, b := f.do(t, auth.Owner, "POST", "/api/feed/posts", jsonBody(map[string]any{"kind": "executive", "title": "x", "body": "y"}), "application/json")
	if code != 422 || !strings.Contains(string(b), "executive_name") {
		t.Errorf("executive message without a name: %d %s", code, b)
	}
}
